package com.driftsentry.gate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.contract.ContractGate;
import com.driftsentry.gate.evidence.EvidenceSummary;
import com.driftsentry.gate.smoke.SmokeGate;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The other commands a pipeline runs (the smoke and contract mains, the evidence summary) with
 * broken values: exit 3 and one line that names the tool, the file or argument, and the fix.
 * driftgate's own arguments are in BadInputTest; {@code mvn gatling:test}'s in LoadPlanTest.
 */
class GateMainsBadInputTest {
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    Path dir;

    @BeforeEach
    void environments() throws Exception {
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Path spec = Files.writeString(dir.resolve("spec.yaml"), "openapi: 3.0.3\n");
        Files.writeString(envs.resolve("dead.yaml"), """
                name: dead
                target: { baseUrl: "http://127.0.0.1:9", apiKey: dsk_deadStage_00000000000000000000000000000000 }
                gates:
                  contract: { spec: %s }
                """.formatted(spec));
        Files.writeString(envs.resolve("mangled.yaml"), "name: mangled\ntarget: [not, a, mapping\n");
        System.setProperty("gate.environments", envs.toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("gate.environments");
    }

    static String assertOneLineExit3(String tool, Function<PrintStream, Integer> command) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.apply(new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(3, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith(tool + ": "), text);
        return text;
    }

    @Test
    void smokeAndContractRefuseUnknownBrokenAndDeadEnvironmentsOnOneLine() {
        for (String gate : new String[] {"smoke", "contract"}) {
            Function<String, Function<PrintStream, Integer>> main = env -> err -> gate.equals("smoke")
                    ? SmokeGate.exitCode(env, QUIET, err) : ContractGate.exitCode(env, QUIET, err);
            assertTrue(assertOneLineExit3("driftgate " + gate, main.apply("nowhere")).contains("-Denv=nowhere: no file"));
            assertTrue(assertOneLineExit3("driftgate " + gate, main.apply("../x")).contains("not an environment name"));
            assertTrue(assertOneLineExit3("driftgate " + gate, main.apply("mangled")).contains("is not valid YAML"));
        }
        assertTrue(assertOneLineExit3("driftgate smoke", err -> SmokeGate.exitCode("dead", QUIET, err)).contains("does not answer"));
        assertTrue(assertOneLineExit3("driftgate contract", err -> ContractGate.exitCode("dead", QUIET, err)).contains("is not a valid OpenAPI 3 document"));
    }

    @Test
    void theEvidenceSummaryRefusesMissingAndForeignFilesOnOneLine() throws Exception {
        assertTrue(assertOneLineExit3("evidence-summary", err -> EvidenceSummary.run(new String[0], QUIET, err)).contains("name one or more"));
        assertTrue(assertOneLineExit3("evidence-summary", err -> EvidenceSummary.run(new String[] {dir.resolve("none.json").toString()}, QUIET, err))
                .contains("none.json"));
        Path foreign = Files.writeString(dir.resolve("verdict.json"), "{\"format\":\"driftsentry-verdict/1\"}");
        assertTrue(assertOneLineExit3("evidence-summary", err -> EvidenceSummary.run(new String[] {foreign.toString()}, QUIET, err))
                .contains("format: expected driftsentry-evidence/1"));
    }
}
