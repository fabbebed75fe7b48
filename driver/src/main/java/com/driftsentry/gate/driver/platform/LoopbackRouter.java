package com.driftsentry.gate.driver.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded stage's front door: a reverse proxy on a fixed loopback port that forwards every
 * request to the serving release. Promotion and rollback switch it atomically, so a client (and
 * the availability probe) keeps one address across a blue/green switch, as behind a load balancer.
 */
final class LoopbackRouter implements AutoCloseable {
    // Hop-by-hop headers and those the client library sets itself.
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "content-length", "host", "transfer-encoding", "keep-alive",
            "upgrade", "expect", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReference<String> backend = new AtomicReference<>();

    LoopbackRouter(int port) throws IOException {
        // Without it the JDK server waits for Nagle on small responses: 40 ms added to every request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/", this::forward);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From the next request on, traffic goes to {@code baseUrl}; requests in flight finish where they started. */
    void switchTo(String baseUrl) {
        backend.set(baseUrl);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = backend.get();
            if (target == null) {
                send(exchange, 503, "no release is serving");
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .timeout(Duration.ofSeconds(30))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                send(exchange, 502, "the serving release did not answer");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                send(exchange, 502, "interrupted");
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            byte[] out = response.body();
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] out = ("{\"status\":" + status + ",\"detail\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public synchronized void close() {
        if (!workers.isShutdown()) {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
