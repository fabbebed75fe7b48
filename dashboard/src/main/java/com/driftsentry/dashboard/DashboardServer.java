package com.driftsentry.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Serves the dashboard's files (page, script, style, icon), {@code /config.json} (the API's address) and {@code /health},
 * each with the page's own security headers: a content security policy that allows its own script
 * and style files only (nothing inline) and connections to its origin and the API's.
 */
public final class DashboardServer implements AutoCloseable {
    /** Where nothing answers (the discard port): the unreachable-api fault sends the page there. */
    static final String NOWHERE = "http://127.0.0.1:9";

    private final HttpServer server;
    private final DashboardSettings settings;
    private final Map<String, byte[]> files = DashboardFiles.shipped();

    private DashboardServer(DashboardSettings settings) throws IOException {
        this.settings = settings;
        server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static DashboardServer start(DashboardSettings settings) {
        try {
            return new DashboardServer(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("the dashboard cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** Where a browser opens it. */
    public String url() {
        return "http://" + settings.bindAddress() + ":" + server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            securityHeaders(ex);
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/health")) {
                send(ex, 200, "application/json", JsonText.object("status", "ok", "version", settings.version()).getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/" + DashboardFiles.CONFIG)) {
                String api = settings.fault().equals("unreachable-api") ? NOWHERE : settings.apiUrl().toString();
                send(ex, 200, DashboardFiles.type(DashboardFiles.CONFIG).orElseThrow(), DashboardFiles.config(api));
            } else if (files.containsKey(name(path))) {
                send(ex, 200, DashboardFiles.type(name(path)).orElseThrow(), files.get(name(path)));
            } else {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The file a path asks for; {@code /} is the page, as CloudFront's default root object makes it for the hosted copy. */
    private static String name(String path) {
        return path.equals("/") ? "index.html" : path.substring(1);
    }

    private void securityHeaders(HttpExchange ex) {
        String script = settings.fault().equals("csp-blocks-script") ? "'none'" : "'self'";
        String connect = "'self' " + settings.apiOrigin() + (settings.fault().equals("unreachable-api") ? " " + NOWHERE : "");
        var h = ex.getResponseHeaders();
        h.set("Content-Security-Policy", "default-src 'none'; script-src " + script + "; style-src 'self'; img-src 'self'; connect-src "
                + connect + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cache-Control", "no-cache");
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** {@code java -cp dashboard.jar com.driftsentry.dashboard.DashboardServer}: settings from the environment; bad ones are exit 3. */
    public static void main(String[] args) throws InterruptedException {
        DashboardSettings settings;
        try {
            settings = DashboardSettings.from(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("dashboard: " + e.getMessage());
            System.exit(3);
            return;
        }
        DashboardServer server = start(settings);
        System.out.println("dashboard: " + server.url() + " (API " + settings.apiUrl() + (settings.fault().isEmpty() ? "" : ", fault " + settings.fault()) + ")");
        Thread.currentThread().join();
    }
}
