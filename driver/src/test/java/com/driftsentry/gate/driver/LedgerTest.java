package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.decision.RunOutcome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.driver.ledger.DeploymentNotes;
import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.driver.ledger.LedgerEntry;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.store.FileStore;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Masker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger carries the state between commands, never a secret, and a damaged one is refused, never written on top of; image references parse strictly. */
class LedgerTest {
    @TempDir
    Path dir;

    @Test
    void servingAndPreviousFollowTheEntriesIncludingTheBaseline() {
        Ledger ledger = new Ledger(new FileStore(dir), new Masker());
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
    void aSecretNeverReachesTheStoreAndEveryEntryCarriesItsFormat() throws Exception {
        Masker masker = new Masker();
        masker.register("https://hooks.slack.example/services/T0/B0/secretToken");
        Ledger ledger = new Ledger(new FileStore(dir), masker);
        ledger.append(entry("deploy", "0.1.0", "0.2.0", "0.2.0", "notified https://hooks.slack.example/services/T0/B0/secretToken"));
        String text = Files.readString(dir.resolve("ledger.jsonl"));
        assertFalse(text.contains("secretToken"), text);
        assertTrue(text.startsWith("{\"format\":1,"), text);
        String notes = DeploymentNotes.render("local", ledger.entries());
        assertTrue(notes.contains("· deploy · **PROMOTED**") && notes.contains("0.1.0 → 0.2.0"), notes);
    }

    /** A damaged ledger is someone's record: refused on reading and on appending, with nothing written on top of it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("damage")
    void aDamagedLedgerIsRefusedAndNeverWrittenOnTop(Stores kind, String what, String tail, String expected) throws Exception {
        try (StageStore store = kind.open(dir)) {
            Ledger ledger = new Ledger(store, new Masker());
            ledger.append(entry("deploy", "0.1.0", "0.2.0", "0.2.0"));
            byte[] damaged = (new String(store.read("ledger.jsonl").orElseThrow().body(), StandardCharsets.UTF_8) + tail).getBytes(StandardCharsets.UTF_8);
            store.put("ledger.jsonl", damaged);
            for (Runnable use : List.<Runnable>of(ledger::entries, ledger::serving, () -> ledger.append(entry("deploy", "0.2.0", "0.3.0", "0.3.0")))) {
                ConfigError e = assertThrows(ConfigError.class, use::run);
                assertTrue(e.getMessage().contains(store.where("ledger.jsonl") + " is damaged: " + expected), e.getMessage());
                assertTrue(e.getMessage().contains("driftgate writes nothing on top of it (fix:"), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "one line");
            }
            assertArrayEquals(damaged, store.read("ledger.jsonl").orElseThrow().body(), "not a byte changed");
        }
    }

    static Stream<Arguments> damage() {
        List<Arguments> all = new ArrayList<>();
        for (Stores kind : Stores.values()) {
            all.add(Arguments.of(kind, "torn last line", "{\"format\":1,\"command\":\"dep", "its last line is cut off"));
            all.add(Arguments.of(kind, "garbage", "%PDF-1.7 not an entry\n", "line 2 is not a JSON entry"));
            all.add(Arguments.of(kind, "unknown format", "{\"format\":2,\"command\":\"deploy\"}\n", "line 2 has entry format 2, this driftgate reads format 1"));
        }
        return all.stream();
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

    static LedgerEntry entry(String command, String from, String to, String serving) {
        return entry(command, from, to, serving, "r");
    }

    static LedgerEntry entry(String command, String from, String to, String serving, String reason) {
        return new LedgerEntry(Ledger.FORMAT, "2026-11-26T00:00:00Z", null, "test", command, "test", from, to, RunOutcome.PROMOTED.name(), 0,
                reason, null, null, serving, 1.0, Map.of(), List.of(), null);
    }
}
