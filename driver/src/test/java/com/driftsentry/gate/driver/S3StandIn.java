package com.driftsentry.gate.driver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The project's own S3 stand-in for what S3Mock 4.11.0 lacks: conditional writes that hold under
 * concurrency. S3Mock honours {@code If-None-Match} and {@code If-Match}, but checks and writes
 * without a lock, so two racing creates can both succeed (measured: docs/driver.md). Here every
 * check-and-write is one atomic step, as in S3. It speaks S3's REST wire format for the calls the
 * stage store makes (path-style GetObject, PutObject, DeleteObject, ListObjectsV2); every call is
 * recorded as "METHOD key" with the condition it carried, so tests can see what the driver asked.
 */
final class S3StandIn implements AutoCloseable {
    private record Stored(byte[] body, String etag) {
    }

    private final HttpServer server;
    private final Map<String, Stored> objects = new TreeMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();

    S3StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(16));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The object's text, or null: what a test sees behind the driver's back. */
    synchronized String text(String key) {
        Stored o = objects.get(key);
        return o == null ? null : new String(o.body(), StandardCharsets.UTF_8);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            int slash = path.indexOf('/', 1);
            String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
            byte[] body = ex.getRequestBody().readAllBytes();
            String sha = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
            if (sha != null && sha.startsWith("STREAMING-")) {
                body = unchunk(body);
            }
            String ifNoneMatch = ex.getRequestHeaders().getFirst("If-None-Match");
            String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
            calls.add(ex.getRequestMethod() + " " + key + (ifNoneMatch != null ? " If-None-Match" : "") + (ifMatch != null ? " If-Match" : ""));
            synchronized (this) {
                Stored current = objects.get(key);
                switch (ex.getRequestMethod()) {
                    case "GET" -> {
                        if (key.isEmpty()) {
                            list(ex, query(ex, "prefix"));
                        } else if (current == null) {
                            error(ex, 404, "NoSuchKey");
                        } else {
                            ex.getResponseHeaders().set("ETag", current.etag());
                            send(ex, 200, current.body());
                        }
                    }
                    case "PUT" -> {
                        if ((ifNoneMatch != null && current != null) || (ifMatch != null && (current == null || !current.etag().equals(ifMatch)))) {
                            error(ex, ifMatch != null && current == null ? 404 : 412, ifMatch != null && current == null ? "NoSuchKey" : "PreconditionFailed");
                        } else {
                            Stored written = new Stored(body, etag(body));
                            objects.put(key, written);
                            ex.getResponseHeaders().set("ETag", written.etag());
                            send(ex, 200, new byte[0]);
                        }
                    }
                    case "DELETE" -> {
                        if (ifMatch != null && current != null && !current.etag().equals(ifMatch)) {
                            error(ex, 412, "PreconditionFailed");
                        } else {
                            objects.remove(key);
                            send(ex, 204, null);
                        }
                    }
                    default -> error(ex, 405, "MethodNotAllowed");
                }
            }
        }
    }

    private void list(HttpExchange ex, String prefix) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        int count = 0;
        StringBuilder contents = new StringBuilder();
        for (Map.Entry<String, Stored> e : objects.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                count++;
                contents.append("<Contents><Key>").append(e.getKey()).append("</Key><ETag>").append(e.getValue().etag().replace("\"", "&quot;"))
                        .append("</ETag><Size>").append(e.getValue().body().length).append("</Size><LastModified>2026-12-01T00:00:00.000Z</LastModified>")
                        .append("<StorageClass>STANDARD</StorageClass></Contents>");
            }
        }
        xml.append("<Name>bucket</Name><Prefix>").append(prefix).append("</Prefix><KeyCount>").append(count)
                .append("</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>").append(contents).append("</ListBucketResult>");
        send(ex, 200, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SigV4 streaming over plain HTTP: {@code <hex size>;chunk-signature=…\r\n<bytes>\r\n}, until a chunk of size 0. */
    private static byte[] unchunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int eol = at;
            while (body[eol] != '\r') {
                eol++;
            }
            String header = new String(body, at, eol - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            at = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String query(HttpExchange ex, String name) {
        String q = ex.getRequestURI().getRawQuery();
        for (String pair : q == null ? new String[0] : q.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            }
        }
        return "";
    }

    private static void error(HttpExchange ex, int status, String code) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        send(ex, status, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message><RequestId>standin</RequestId></Error>").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body == null || body.length == 0 ? -1 : body.length);
        if (body != null && body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
