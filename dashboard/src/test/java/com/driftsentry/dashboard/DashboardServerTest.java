package com.driftsentry.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The server over real HTTP: its files and headers, its config, its faults, and bad settings named. */
class DashboardServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageWithAPolicyThatAllowsItsOwnFilesAndTheApiOnly() throws Exception {
        try (DashboardServer server = DashboardServer.start(DashboardSettings.from(Map.of("DASHBOARD_PORT", "0",
                "DRIFTSENTRY_API_URL", "http://127.0.0.1:3002")))) {
            HttpResponse<String> page = get(server.url() + "/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script type=\"module\" src=\"/app.js\">"), page.body());
            assertFalse(page.body().contains("<script>") || page.body().contains("style="), "nothing inline for the policy to forbid");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && csp.contains("connect-src 'self' http://127.0.0.1:3002") && csp.contains("default-src 'none'"), csp);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertTrue(get(server.url() + "/app.js").headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertEquals("{\"apiBaseUrl\":\"http://127.0.0.1:3002\"}", get(server.url() + "/config.json").body());
            assertTrue(get(server.url() + "/health").body().contains("\"status\":\"ok\""));
            assertEquals(404, get(server.url() + "/secrets.txt").statusCode());
            assertEquals(405, HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void theFaultsBreakThePageTheWayReleasesDo() throws Exception {
        try (DashboardServer unreachable = DashboardServer.start(DashboardSettings.from(Map.of("DASHBOARD_PORT", "0",
                "DRIFTSENTRY_API_URL", "http://127.0.0.1:3002", "DRIFTSENTRY_FAULT_DASHBOARD", "unreachable-api")));
             DashboardServer blocked = DashboardServer.start(DashboardSettings.from(Map.of("DASHBOARD_PORT", "0",
                "DRIFTSENTRY_API_URL", "http://127.0.0.1:3002", "DRIFTSENTRY_FAULT_DASHBOARD", "csp-blocks-script")))) {
            assertEquals("{\"apiBaseUrl\":\"" + DashboardServer.NOWHERE + "\"}", get(unreachable.url() + "/config.json").body());
            assertTrue(get(blocked.url() + "/").headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'none'"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no API|DRIFTSENTRY_API_URL||DRIFTSENTRY_API_URL: '' is not the API's http(s) address",
            "API not http|DRIFTSENTRY_API_URL|ftp://x|DRIFTSENTRY_API_URL: 'ftp://x' is not the API's http(s) address",
            "port not a number|DASHBOARD_PORT|eighty|DASHBOARD_PORT: 'eighty' is not a port",
            "port too high|DASHBOARD_PORT|70000|DASHBOARD_PORT: '70000' is not a port",
            "unknown fault|DRIFTSENTRY_FAULT_DASHBOARD|slow|DRIFTSENTRY_FAULT_DASHBOARD: 'slow' is not a fault"})
    void badSettingsNameTheVariableAndTheFix(String what, String variable, String value, String message) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("DRIFTSENTRY_API_URL", "http://127.0.0.1:3002"));
        env.put(variable, value == null ? "" : value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DashboardSettings.from(env));
        assertTrue(e.getMessage().startsWith(message) && e.getMessage().contains("(fix:"), what + ": " + e.getMessage());
    }
}
