package com.driftsentry.reference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.driftsentry.reference.seed.Seeder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every log line, encoded exactly as production encodes it, is free of API keys, while still carrying request ids. */
class LogMaskingTest {

    @Test
    void noKeyReachesAnyLogLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.start();
        String created;
        Seeder.Seeded t;
        try (RunningService api = RunningService.start(Map.of(
                com.driftsentry.reference.fault.FaultConfig.ERROR_RATE, "0.5", com.driftsentry.reference.fault.FaultConfig.ROUTES, "/api/v1/dashboard"))) {
            t = api.seed("logs", 3);
            for (int i = 0; i < 20; i++) {
                api.as(t.adminKey()).get("/api/v1/drifts");
                api.as(t.readerKey()).header("X-Request-Id", "log-test-" + i).get("/api/v1/dashboard/summary");
            }
            api.as(t.readerKey() + "x").get("/api/v1/drifts");
            api.as(t.adminKey().substring(0, 15) + "C".repeat(32)).get("/api/v1/drifts");
            created = api.as(t.adminKey()).contentType("application/json").body("{\"name\":\"log\",\"role\":\"reader\"}")
                    .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(e -> new String(encoder.encode(e), StandardCharsets.UTF_8)).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("log-test-3")), "request ids are logged");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"status\":\"500\"")), "failed requests are logged");
        // The stage's error-rate alarm counts these lines by their shape (infra's StageMonitoring: $.kvpList[2].status = "5*").
        assertTrue(lines.stream().anyMatch(l -> l.matches("(?s).*\"loggerName\":\"access\".*\"kvpList\": \\[\\{\"method\":\"GET\"},"
                + "\\{\"route\":\"[^\"]+\"},\\{\"status\":\"500\"},\\{\"durationMs\":.*")), "the access line's shape the alarm reads");
        for (String secret : List.of(t.adminKey(), t.readerKey(), created, secretPart(t.adminKey()), secretPart(t.readerKey()), secretPart(created))) {
            for (String line : lines) {
                assertFalse(line.contains(secret), "a key leaked into the log: " + line.replace(secret, "<KEY>"));
            }
        }
    }

    private static String secretPart(String key) {
        return key.substring(key.lastIndexOf('_') + 1);
    }
}
