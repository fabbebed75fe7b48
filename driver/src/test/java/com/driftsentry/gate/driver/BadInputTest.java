package com.driftsentry.gate.driver;

import com.driftsentry.gate.testing.Fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command with broken values, in this JVM: each is exit 3 and one line that names the
 * argument or file and the fix, nothing is written to the ledger, and no stack trace is printed.
 * (A value pasted by mistake is quoted by its start, never echoed whole.)
 */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path ledger;

    @BeforeEach
    void stage() throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        ledger = dir.resolve("state/ledger.jsonl");
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/driver-environments/drive.yaml")) {
            yaml = Fixture.edit(new String(in.readAllBytes(), StandardCharsets.UTF_8), "name: drive", "name: stage",
                    "state: { type: file, path: target/state/drive }", "state: { type: file, path: " + ledger.getParent() + " }",
                    "SPEC", Files.writeString(dir.resolve("spec.yaml"), "openapi: 3.0.3\n").toString());
        }
        Files.writeString(envs.resolve("stage.yaml"), yaml);
        Files.writeString(envs.resolve("huge.yaml"), "name: huge\n" + "# padding\n".repeat(500_000));
        damagedLedger(envs, yaml, "broken", new byte[] {'{', '}', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        damagedLedger(envs, yaml, "long", ("{\"reason\":\"" + "x".repeat(2 << 20) + "\"}\n").getBytes(StandardCharsets.UTF_8));
        damagedLedger(envs, yaml, "torn", "{\"format\":1,\"command\":\"deploy\",\"serving\":\"0.1.0\"}\n{\"format\":1,\"comm".getBytes(StandardCharsets.UTF_8));
        damagedLedger(envs, yaml, "future", "{\"format\":7,\"command\":\"deploy\",\"serving\":\"0.1.0\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.writeString(envs.resolve("nobucket.yaml"), Fixture.edit(yaml, "name: stage", "name: nobucket",
                "state: { type: file, path: " + ledger.getParent() + " }", "state: { type: s3, prefix: stage }"));
        String compose = "name: compose\ntarget: { baseUrl: http://127.0.0.1:3002 }\nplatform: { type: compose, composeFiles: ["
                + Files.writeString(dir.resolve("docker-compose.yml"), "version: \"2.4\"\n") + "] }\ngates: {}\nstate: { type: file, path: " + ledger.getParent() + " }\n";
        Files.writeString(envs.resolve("compose.yaml"), compose);
        Files.writeString(envs.resolve("compose-remote.yaml"), Fixture.edit(compose, "name: compose", "name: compose-remote",
                "http://127.0.0.1:3002", "https://staging.driftsentry.example"));
        Files.writeString(envs.resolve("compose-nofile.yaml"), Fixture.edit(compose, "name: compose", "name: compose-nofile",
                dir.resolve("docker-compose.yml").toString(), "environments/compose/missing.yml"));
        System.setProperty("gate.environments", envs.toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("gate.environments");
    }

    static Stream<Arguments> brokenCommands() {
        String image3000 = "registry.example/" + "a/".repeat(3000) + "app:1.0";
        String image100k = "x".repeat(100_000);
        return Stream.of(
                Arguments.of(List.of(), "name a command"),
                Arguments.of(List.of("launch"), "launch"),
                Arguments.of(List.of("deploy", "--image", "0.2.0"), "--env"),
                Arguments.of(List.of("deploy", "--env", "../etc/passwd", "--image", "0.2.0"), "not an environment name"),
                Arguments.of(List.of("deploy", "--env", "nowhere", "--image", "0.2.0"), "no file"),
                Arguments.of(List.of("deploy", "--env", "huge", "--image", "0.2.0"), "more than the 1.0 MiB"),
                Arguments.of(List.of("deploy", "--env", "stage"), "--image"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "not an image"), "--image: 'not an image'"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", image3000), "--image: 'registry.example/a/a/"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", image100k), "(100,000 characters)"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "0.1.0"), "already serving"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "0.2.0", "--candidate-env", "lower=1"), "--candidate-env: 'lower'"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "0.2.0", "--candidate-env", "NOVALUE"), "--candidate-env"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "0.2.0", "--fast"), "--fast"),
                Arguments.of(List.of("gate", "--env", "stage", "extra"), "extra"),
                Arguments.of(List.of("gate", "--env", "broken-ledger"), "broken/ledger.jsonl is damaged: it is not UTF-8 text"),
                Arguments.of(List.of("deploy", "--env", "torn-ledger", "--image", "0.2.0"), "torn/ledger.jsonl is damaged: its last line is cut off"),
                Arguments.of(List.of("rollback", "--env", "torn-ledger"), "torn/ledger.jsonl is damaged: its last line is cut off"),
                Arguments.of(List.of("unlock", "--env", "torn-ledger"), "torn/ledger.jsonl is damaged: its last line is cut off"),
                Arguments.of(List.of("deploy", "--env", "future-ledger", "--image", "0.2.0"), "line 1 has entry format 7, this driftgate reads format 1"),
                Arguments.of(List.of("status", "--env", "nobucket"), "state.bucket: an s3 store needs a bucket"),
                Arguments.of(List.of("report", "--env", "stage", "--out", "target/report-x"), "holds no load evidence yet"),
                Arguments.of(List.of("report", "--env", "stage", "--history", "/nonexistent", "--out", "target/report-x"), "--history: '/nonexistent' is not a folder"),
                Arguments.of(List.of("report", "--env", "stage"), "--out"),
                Arguments.of(List.of("rollback", "--env", "stage"), "nothing to roll back from"),
                Arguments.of(List.of("rollback", "--env", "stage", "--to"), "--to"),
                Arguments.of(List.of("status", "--env", "stage", "--last", "-5"), "--last: -5"),
                Arguments.of(List.of("status", "--env", "stage", "--last", "many"), "--last"),
                Arguments.of(List.of("status", "--env", "stage", "--notes", "/nonexistent/dir/x.md"), "--notes: '/nonexistent/dir/x.md'"),
                Arguments.of(List.of("status", "--env", "broken-ledger"), "broken/ledger.jsonl is damaged: it is not UTF-8 text"),
                Arguments.of(List.of("status", "--env", "long-ledger"), "long/ledger.jsonl is damaged: line 1 is larger than any entry"),
                Arguments.of(List.of("deploy", "--env", "compose", "--image", "0.3.0"), "is a bare version; compose runs an image"),
                Arguments.of(List.of("deploy", "--env", "compose-remote", "--image", "driftsentry-reference:0.3.0"), "target.baseUrl: compose publishes"),
                Arguments.of(List.of("deploy", "--env", "compose-nofile", "--image", "driftsentry-reference:0.3.0"), "platform.composeFiles: no file"),
                Arguments.of(List.of("deploy", "--env", "compose", "--image", "driftsentry-reference:0.3.0", "--compose-file", "/nonexistent.yml"),
                        "--compose-file: no file '/nonexistent.yml'"),
                Arguments.of(List.of("deploy", "--env", "stage", "--image", "0.2.0", "--compose-file", "/nonexistent.yml"),
                        "--compose-file: only the compose platform"),
                Arguments.of(List.of("gate", "--env", "compose"), "--image: missing"),
                Arguments.of(List.of("gate", "--env", "stage", "--image", "driftsentry-reference:0.3.0"), "--image: gate judges what serves"),
                Arguments.of(List.of("rollback", "--env", "compose"), "a compose stage keeps no release"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenCommands")
    void isExitThreeOnOneLineAndChangesNothing(List<String> args, String named) throws Exception {
        Map<Path, byte[]> before = ledgers();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        int code = run.code();
        String text = run.all().strip();
        assertEquals(3, code, args + ": " + text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("driftgate"), text);
        assertTrue(text.contains(named), "names what is wrong (" + named + "): " + text);
        assertTrue(text.length() < 400, "a short line, not the value pasted back: " + text.length() + " characters");
        assertFalse(text.contains("Exception") && text.contains("\tat "), text);
        Map<Path, byte[]> after = ledgers();
        assertEquals(before.keySet(), after.keySet(), "no ledger, lock or intent written");
        before.forEach((file, bytes) -> assertArrayEquals(bytes, after.get(file), file + " is unchanged"));
    }

    /** Every object of every stage store the environments name (ledgers, locks, intents). */
    private static Map<Path, byte[]> ledgers() throws IOException {
        Map<Path, byte[]> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().contains("state") && Files.isRegularFile(f) && !f.endsWith(".guard")).toList()) {
                all.put(f, Files.readAllBytes(f));
            }
        }
        return all;
    }

    /** An environment {@code <name>-ledger} whose store holds a damaged ledger. */
    private static void damagedLedger(Path envs, String yaml, String name, byte[] content) throws IOException {
        Path state = Files.createDirectories(dir.resolve(name + "-state/" + name));
        Files.write(state.resolve("ledger.jsonl"), content);
        Files.writeString(envs.resolve(name + "-ledger.yaml"), Fixture.edit(yaml, "name: stage", "name: " + name + "-ledger",
                "state: { type: file, path: " + ledger.getParent() + " }", "state: { type: file, path: " + state + " }"));
    }
}
