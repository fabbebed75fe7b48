package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The stage is alive, ready (PostgreSQL and Redis answer), and serves the version we deployed. */
@Tag("health")
@Order(1)
class HealthSmoke {

    @Test
    void liveAnswersWithItsVersion() {
        Response live = Smoke.HTTP.anonymous().get("/health/live");
        assertEquals(200, live.statusCode(), "/health/live answered " + live.statusCode());
        JsonBody body = JsonBody.of(live);
        assertEquals("ok", body.text("status"), "/health/live status");
        String version = body.text("version");
        assertTrue(version != null && !version.isBlank(), "/health/live reports no version");
    }

    @Test
    void readyWithEveryDependency() {
        Response ready = Smoke.HTTP.anonymous().get("/health/ready");
        Map<String, String> checks = JsonBody.of(ready).fields("checks");
        assertEquals(200, ready.statusCode(), "/health/ready answered " + ready.statusCode() + " with checks " + checks);
        checks.forEach((name, state) -> assertEquals("ok", state, "/health/ready check " + name + " is " + state));
    }

    @Test
    void servesTheExpectedVersion() {
        Stage stage = Stage.current();
        Assumptions.assumeTrue(stage.expectedVersion().isPresent(),
                "no expected version given (target.expectedVersion or -Dgate.expectedVersion)");
        String expected = stage.expectedVersion().get();
        for (String path : new String[] {"/health/live", "/health/ready"}) {
            String served = JsonBody.of(Smoke.HTTP.anonymous().get(path)).text("version");
            assertEquals(expected, served, path + " reports version " + served + ", expected " + expected);
        }
    }
}
