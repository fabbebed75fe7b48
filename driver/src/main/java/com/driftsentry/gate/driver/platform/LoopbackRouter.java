package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.proxy.ProxyServlet;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * The embedded stage's front door: Jetty's reverse proxy (the Jetty that Javalin brings) on a
 * loopback port, forwarding every request to the serving release. Promotion and rollback switch
 * it atomically, so a client (and the availability probe) keeps one address across a blue/green
 * switch, as behind a load balancer.
 */
final class LoopbackRouter implements AutoCloseable {
    // As long as a client waits for the slowest answer a gate accepts; a hung release is a 504, not a hung probe.
    private static final String PROXY_TIMEOUT_MS = "30000";

    private final Server server = new Server();
    private final ServerConnector connector;
    private final AtomicReference<String> backend = new AtomicReference<>();

    LoopbackRouter(int port) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder proxy = new ServletHolder(new SwitchingProxy());
        proxy.setInitParameter("timeout", PROXY_TIMEOUT_MS);
        context.addServlet(proxy, "/*");
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the loopback router could not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** From the next request on, traffic goes to {@code baseUrl}; requests in flight finish where they started. */
    void switchTo(String baseUrl) {
        backend.set(baseUrl);
    }

    private final class SwitchingProxy extends ProxyServlet {
        @Override
        protected String rewriteTarget(HttpServletRequest request) {
            String target = backend.get();
            if (target == null) {
                return null;
            }
            return target + request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        }

        /** RFC 9457's problem document, as the API answers its own. */
        private record Problem(int status, String detail) {
        }

        @Override
        protected void onProxyRewriteFailed(HttpServletRequest request, HttpServletResponse response) {
            // No release has been switched in yet: the stage is unavailable, not a bad gateway.
            try {
                response.setStatus(503);
                response.setContentType("application/problem+json");
                response.getOutputStream().write(Json.MAPPER.writeValueAsBytes(new Problem(503, "no release is serving")));
            } catch (IOException e) {
                response.setStatus(503);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort: the command is ending and the port goes with the process
        }
    }
}
