package com.driftsentry.gate.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for AWS Secrets Manager that speaks the awsJson 1.1 wire protocol of the one
 * call the gate makes (GetSecretValue), so the real AWS SDK client can be tested without AWS.
 */
final class SecretsManagerStandIn implements AutoCloseable {
    private final HttpServer server;
    final List<String> targets = new CopyOnWriteArrayList<>();

    SecretsManagerStandIn(Map<String, String> secrets) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            targets.add(target);
            JsonNode body = json.readTree(exchange.getRequestBody());
            String id = body.path("SecretId").asText();
            String response;
            int status;
            if ("secretsmanager.GetSecretValue".equals(target) && secrets.containsKey(id)) {
                status = 200;
                response = json.writeValueAsString(Map.of("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id,
                        "Name", id, "SecretString", secrets.get(id), "VersionId", "v1", "CreatedDate", 1_790_000_000));
            } else {
                status = 400;
                response = "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}";
            }
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "standin-1");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
