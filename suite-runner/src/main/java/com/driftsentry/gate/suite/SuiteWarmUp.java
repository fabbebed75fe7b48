package com.driftsentry.gate.suite;

import static io.restassured.RestAssured.given;

import com.sun.net.httpserver.HttpServer;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What the first test of a suite run would otherwise pay for: JUnit's launcher, REST Assured with Groovy and its HTTP
 * client, and Jackson reading a body ({@link JsonBody}); docs/performance.md has what it saves. Done while the gate
 * before the suites runs (it waits on the release, with a core idle), against a server of its own on loopback: the
 * release sees nothing of it.
 */
public final class SuiteWarmUp {
    private static final byte[] BODY = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    private SuiteWarmUp() {
    }

    /** One request through REST Assured, answered and read as the suites read, and a JUnit launcher created. */
    public static void run() {
        LauncherFactory.create();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
            exchange.close();
        });
        server.start();
        try {
            Response r = given().config(StageHttp.CONFIG).baseUri("http://127.0.0.1:" + server.getAddress().getPort()).get("/");
            if (r.statusCode() != 200 || !"ok".equals(JsonBody.of(r).text("status"))) {
                throw new IllegalStateException("the warm-up's own server answered " + r.statusCode());
            }
        } finally {
            server.stop(0);
        }
    }
}
