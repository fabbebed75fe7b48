package com.driftsentry.gate.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A local stand-in for the AWS calls moto's server cannot serve as AWS does (shared/notes/moto.md): an ECS rollout
 * that progresses to COMPLETED or FAILED, tasks that start and exit, a task's public IP, throttling, a refused
 * rollback. It speaks their wire protocols (shared/notes/aws-sdk-standin.md): awsJson 1.1, told apart by
 * X-Amz-Target; awsQuery (form in, XML out), told apart by Action. Each operation answers through a handler the test
 * scripts; every call is recorded. An operation with no script goes on to {@link #forwardingTheRestTo moto}, so the
 * alarms, budgets and images of a whole deploy are moto's, not ours.
 */
final class AwsStandIn implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    /** A scripted answer: an HTTP status and a body (JSON or XML). */
    record Answer(int status, String body) {
        static Answer json(Object value) {
            try {
                return new Answer(200, JSON.writeValueAsString(value));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Answer error(String type, String message) {
            return new Answer(400, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
        }

        static Answer xml(String body) {
            return new Answer(200, body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<JsonNode, Answer>> handlers = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile URI forward;

    AwsStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code operation}: e.g. "DescribeServices" or "DescribeAlarms"; the handler gets the request as JSON (query forms as flat fields). */
    AwsStandIn on(String operation, Function<JsonNode, Answer> handler) {
        handlers.put(operation, handler);
        return this;
    }

    /** Every operation with no script is sent on, as it came, to {@code endpoint} (moto's server), and its answer returned. */
    AwsStandIn forwardingTheRestTo(String endpoint) {
        forward = URI.create(endpoint);
        return this;
    }

    long count(String operation) {
        return calls.stream().filter(operation::equals).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String operation;
            JsonNode request;
            boolean query = target == null;
            if (query) {
                Map<String, String> form = new java.util.LinkedHashMap<>();
                for (String pair : body.split("&")) {
                    String[] kv = pair.split("=", 2);
                    form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
                operation = form.getOrDefault("Action", "");
                request = JSON.valueToTree(form);
            } else {
                operation = target.substring(target.indexOf('.') + 1);
                request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            }
            calls.add(operation);
            Function<JsonNode, Answer> handler = handlers.get(operation);
            if (handler == null && forward != null) {
                forward(ex, body);
                return;
            }
            Answer answer = handler == null ? Answer.error("UnknownOperationException", "the stand-in has no script for " + operation)
                    : handler.apply(request);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1");
            ex.getResponseHeaders().set("x-amzn-RequestId", "standin-" + calls.size());
            if (query && answer.status() >= 400) {
                out = ("<ErrorResponse><Error><Type>Sender</Type><Code>" + operation + "Error</Code><Message>" + answer.body()
                        + "</Message></Error><RequestId>1</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
            }
            ex.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private void forward(HttpExchange ex, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(forward.resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofString(body));
        // moto checks no signature while IAM is not enforced, so the host the request was signed for may change.
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().firstValue("Content-Type").ifPresent(type -> ex.getResponseHeaders().set("Content-Type", type));
            ex.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
