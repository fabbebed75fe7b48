package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.ledger.DeploymentNotes;
import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.Masker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger carries the state between commands, never a secret, and survives a torn line; image references parse strictly. */
class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void servingAndPreviousFollowTheEntriesIncludingTheBaseline() {
        Ledger ledger = new Ledger(dir.resolve("l.jsonl"), new Masker());
        assertEquals(Optional.empty(), ledger.serving());
        ledger.append(entry("deploy", "0.1.0", "0.2.0", "0.2.0"));
        assertEquals(Optional.of("0.2.0"), ledger.serving());
        assertEquals(Optional.of("0.1.0"), ledger.previous(), "the first promotion's 'from' served before it");
        ledger.append(entry("deploy", "0.2.0", "0.3.0", "0.2.0"));
        assertEquals(Optional.of("0.2.0"), ledger.serving(), "a rejected candidate changes nothing");
        ledger.append(entry("gate", null, "0.2.0", "0.2.0"));
        assertEquals(Optional.of("0.1.0"), ledger.previous());
        ledger.append(entry("rollback", "0.2.0", "0.1.0", null));
        assertEquals(Optional.of("0.2.0"), ledger.serving(), "a failed rollback records no serving release; the last known one stands");
    }

    @Test
    void aSecretNeverReachesTheFileAndATornLineIsSkipped() throws Exception {
        Masker masker = new Masker();
        masker.register("https://hooks.slack.example/services/T0/B0/secretToken");
        Ledger ledger = new Ledger(dir.resolve("l.jsonl"), masker);
        Map<String, Object> e = entry("deploy", "0.1.0", "0.2.0", "0.2.0");
        e.put("reason", "notified https://hooks.slack.example/services/T0/B0/secretToken");
        ledger.append(e);
        Files.writeString(ledger.file(), "{\"command\":\"dep", StandardOpenOption.APPEND);
        String text = Files.readString(ledger.file());
        assertFalse(text.contains("secretToken"), text);
        assertEquals(1, ledger.entries().size());
        ledger.append(entry("deploy", "0.2.0", "0.3.0", "0.3.0"));
        assertEquals(2, ledger.entries().size(), "the entry after a torn line is not glued to it");
        assertEquals("0.3.0", ledger.serving().orElseThrow());
        String notes = DeploymentNotes.render("local", ledger.entries());
        assertTrue(notes.contains("· deploy · **PROMOTED**") && notes.contains("0.1.0 → 0.2.0"), notes);
    }

    @Test
    void imageReferencesParseStrictly() {
        Release ecr = Release.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/driftsentry:1.4.2");
        assertEquals("1.4.2", ecr.version());
        assertEquals("0.2.0", Release.parse("0.2.0").version());
        assertEquals("rc1", Release.parse("registry.local:5000/team/driftsentry:rc1").version());
        for (String bad : List.of("", "not an image", "repo/name", "x:y:z", "-1", "a".repeat(200), "UPPER/repo:1")) {
            assertNull(Release.parse(bad), bad);
        }
    }

    private static Map<String, Object> entry(String command, String from, String to, String serving) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", "2026-11-26T00:00:00Z");
        e.put("who", "test");
        e.put("command", command);
        e.put("from", from);
        e.put("to", to);
        e.put("outcome", "PROMOTED");
        e.put("reason", "r");
        e.put("serving", serving);
        e.put("seconds", 1.0);
        e.put("steps", Map.of());
        e.put("verdicts", List.of());
        return e;
    }
}
