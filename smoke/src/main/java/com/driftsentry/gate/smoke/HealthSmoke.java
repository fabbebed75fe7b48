package com.driftsentry.gate.smoke;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Smoke.HTTP.anonymous().get("/health/live").then()
                .statusCode(200).body("status", equalTo("ok")).body("version", not(emptyOrNullString()));
    }

    @Test
    void readyWithEveryDependency() {
        Response ready = Smoke.HTTP.anonymous().get("/health/ready");
        Map<String, String> checks = ready.path("checks");
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
            String served = Smoke.HTTP.anonymous().get(path).path("version");
            assertEquals(expected, served, path + " reports version " + served + ", expected " + expected);
        }
    }
}
