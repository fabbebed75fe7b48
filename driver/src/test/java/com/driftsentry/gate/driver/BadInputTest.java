package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    PrintStream out;
    PrintStream err;

    @BeforeEach
    void stage() throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        ledger = dir.resolve("ledger.jsonl");
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/driver-environments/drive.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("name: drive", "name: stage")
                    .replace("ledger: target/driver-ledger/drive.jsonl", "ledger: " + ledger).replace("SPEC", Files.writeString(dir.resolve("spec.yaml"), "openapi: 3.0.3\n").toString());
        }
        Files.writeString(envs.resolve("stage.yaml"), yaml);
        Files.writeString(envs.resolve("huge.yaml"), "name: huge\n" + "# padding\n".repeat(500_000));
        Files.writeString(envs.resolve("broken-ledger.yaml"), yaml.replace("name: stage", "name: broken-ledger")
                .replace("ledger: " + ledger, "ledger: " + dir.resolve("broken.jsonl")));
        Files.write(dir.resolve("broken.jsonl"), new byte[] {'{', '}', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
        Files.writeString(envs.resolve("long-ledger.yaml"), yaml.replace("name: stage", "name: long-ledger")
                .replace("ledger: " + ledger, "ledger: " + dir.resolve("long.jsonl")));
        Files.writeString(dir.resolve("long.jsonl"), "{\"reason\":\"" + "x".repeat(2 << 20) + "\"}\n");
        String compose = "name: compose\ntarget: { baseUrl: http://127.0.0.1:3002 }\nplatform: { type: compose, composeFiles: ["
                + Files.writeString(dir.resolve("docker-compose.yml"), "version: \"2.4\"\n") + "] }\ngates: {}\nledger: " + ledger + "\n";
        Files.writeString(envs.resolve("compose.yaml"), compose);
        Files.writeString(envs.resolve("compose-remote.yaml"), compose.replace("name: compose", "name: compose-remote")
                .replace("http://127.0.0.1:3002", "https://staging.driftsentry.example"));
        Files.writeString(envs.resolve("compose-nofile.yaml"), compose.replace("name: compose", "name: compose-nofile")
                .replace(dir.resolve("docker-compose.yml").toString(), "environments/compose/missing.yml"));
        System.setProperty("gate.environments", envs.toString());
        out = System.out;
        err = System.err;
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
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
                Arguments.of(List.of("gate", "--env", "broken-ledger"), "broken.jsonl: line 2 is not UTF-8 text"),
                Arguments.of(List.of("rollback", "--env", "stage"), "nothing to roll back from"),
                Arguments.of(List.of("rollback", "--env", "stage", "--to"), "--to"),
                Arguments.of(List.of("status", "--env", "stage", "--last", "-5"), "--last: -5"),
                Arguments.of(List.of("status", "--env", "stage", "--last", "many"), "--last"),
                Arguments.of(List.of("status", "--env", "stage", "--notes", "/nonexistent/dir/x.md"), "--notes: '/nonexistent/dir/x.md'"),
                Arguments.of(List.of("status", "--env", "broken-ledger"), "broken.jsonl: line 2 is not UTF-8 text"),
                Arguments.of(List.of("status", "--env", "long-ledger"), "long.jsonl: line 1 is longer than 1,048,576 bytes"),
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
        byte[] before = Files.exists(ledger) ? Files.readAllBytes(ledger) : new byte[0];
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        int code = Driftgate.run(args.toArray(String[]::new));
        String text = printed.toString(StandardCharsets.UTF_8).strip();
        assertEquals(3, code, args + ": " + text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(text.startsWith("driftgate"), text);
        assertTrue(text.contains(named), "names what is wrong (" + named + "): " + text);
        assertTrue(text.length() < 400, "a short line, not the value pasted back: " + text.length() + " characters");
        assertFalse(text.contains("Exception") && text.contains("\tat "), text);
        assertArrayEquals(before, Files.exists(ledger) ? Files.readAllBytes(ledger) : new byte[0], "the ledger is unchanged");
    }
}
