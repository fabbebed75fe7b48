package com.driftsentry.gate.driver;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The production stack's dashboard distribution as CloudFront would serve it, on loopback: its default root object,
 * GET and HEAD only, each file the bucket's current object (read through the S3 API, from moto here) with the content
 * type it was stored with, a missing file 403 (S3's answer to an origin access control without ListBucket), and on
 * every answer the headers of the response-headers policy read from the synthesized template, its CSP's API endpoint
 * resolved to the local API. Our own stand-in: moto keeps a distribution's settings and invalidations but serves no
 * content, and no CloudFront runs here. It caches nothing, so what an invalidation must achieve is checked elsewhere.
 */
final class LocalCloudFront implements AutoCloseable {
    private final HttpServer server;
    private final JsonNode template;
    private final String rootObject;
    private final S3Client s3;
    private volatile String bucket;
    private volatile Map<String, String> headers = Map.of();

    private LocalCloudFront(JsonNode template, S3Client s3) throws IOException {
        this.template = template;
        this.s3 = s3;
        this.rootObject = distribution().path("DefaultRootObject").asText();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The distribution of {@code template} (infra/synthesized/…), listening on a free loopback port; {@link #serving} says what. */
    static LocalCloudFront start(Path template, S3Client s3) {
        try {
            return new LocalCloudFront(Json.MAPPER.readTree(template.toFile()), s3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serve {@code filesBucket}, with the policy's CSP naming {@code apiEndpoint} where the template names the stack's ApiUrl. */
    LocalCloudFront serving(String filesBucket, String apiEndpoint) {
        this.bucket = filesBucket;
        this.headers = policyHeaders(apiEndpoint);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The response-headers policy's headers, as CloudFront adds them. */
    Map<String, String> headers() {
        return headers;
    }

    private JsonNode distribution() {
        return resource("AWS::CloudFront::Distribution").path("Properties").path("DistributionConfig");
    }

    private JsonNode resource(String type) {
        for (Entry<String, JsonNode> r : template.path("Resources").properties()) {
            if (r.getValue().path("Type").asText().equals(type)) {
                return r.getValue();
            }
        }
        throw new IllegalStateException("the template has no " + type);
    }

    private Map<String, String> policyHeaders(String apiEndpoint) {
        String policyId = distribution().path("DefaultCacheBehavior").path("ResponseHeadersPolicyId").path("Ref").asText();
        JsonNode config = template.path("Resources").path(policyId).path("Properties").path("ResponseHeadersPolicyConfig");
        JsonNode security = config.path("SecurityHeadersConfig");
        // The CSP must name the address the stack gives the gates (its ApiUrl output), whatever that resolves to.
        JsonNode apiUrl = template.path("Outputs").path("ApiUrl").path("Value");
        StringBuilder csp = new StringBuilder();
        for (JsonNode part : security.path("ContentSecurityPolicy").path("ContentSecurityPolicy").path("Fn::Join").get(1)) {
            if (part.isTextual()) {
                csp.append(part.asText());
            } else if (part.equals(apiUrl)) {
                csp.append(apiEndpoint);
            } else {
                throw new IllegalStateException("the dashboard's CSP names " + part + ", not the stack's ApiUrl " + apiUrl);
            }
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", csp.toString());
        if (security.has("ContentTypeOptions")) {
            h.put("X-Content-Type-Options", "nosniff");
        }
        h.put("X-Frame-Options", security.path("FrameOptions").path("FrameOption").asText());
        h.put("Referrer-Policy", security.path("ReferrerPolicy").path("ReferrerPolicy").asText());
        JsonNode hsts = security.path("StrictTransportSecurity");
        h.put("Strict-Transport-Security", "max-age=" + hsts.path("AccessControlMaxAgeSec").asLong()
                + (hsts.path("IncludeSubdomains").asBoolean() ? "; includeSubDomains" : "") + (hsts.path("Preload").asBoolean() ? "; preload" : ""));
        config.path("CustomHeadersConfig").path("Items").forEach(i -> h.put(i.path("Header").asText(), i.path("Value").asText()));
        return Map.copyOf(h);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            headers.forEach(ex.getResponseHeaders()::set);
            String path = ex.getRequestURI().getPath();
            String key = path.equals("/") ? rootObject : path.substring(1);
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (!head && !ex.getRequestMethod().equals("GET")) {
                send(ex, 403, "text/plain", "this distribution allows GET and HEAD only\n".getBytes(StandardCharsets.UTF_8), false);
                return;
            }
            try {
                ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                send(ex, 200, object.response().contentType(), object.asByteArray(), head);
            } catch (NoSuchKeyException e) {
                send(ex, 403, "application/xml", "<Error><Code>AccessDenied</Code></Error>".getBytes(StandardCharsets.UTF_8), head);
            }
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
