package com.driftsentry.gate.contract;

import com.driftsentry.gate.testing.Fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import com.driftsentry.gate.suite.SuiteRunner;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suites fail for the right reason: a service that answers 500 on one route and
 * drops a documented header, and a document that no longer matches a healthy service (a route
 * missing, a route invented, a response field the service never sends).
 */
class ContractSuitesCanFailTest {
    @TempDir
    Path dir;

    @Test
    void aServiceBreakingTheContractFails() throws IOException {
        SuiteRunner.Result result = run(Files.readString(ContractDocumentTest.SPEC), Map.of(
                "DRIFTSENTRY_FAULT_ERROR_RATE", "1.0",
                "DRIFTSENTRY_FAULT_ROUTES", "/api/v1/drifts",
                "DRIFTSENTRY_FAULT_DROP_HEADERS", "Cache-Control"));
        assertEquals(Outcome.FAIL, result.verdict().outcome());
        assertLine(result, "contract operations", "Header 'Cache-Control' is expected");
        assertLine(result, "contract generated", "Header 'Cache-Control' is expected");
        String junit = Files.readString(result.reports().resolve("junit/TEST-junit-jupiter.xml"));
        assertTrue(junit.contains("GET /api/v1/drifts [no parameters] answered 500"), "the JUnit XML names each 5xx in full");
        assertLine(result, "contract errors", "GET /api/v1/drifts answered 500 outside the contract: Response status 500 not defined");
    }

    @Test
    void aDocumentThatDriftedFromTheServiceFails() throws IOException {
        String spec = Files.readString(ContractDocumentTest.SPEC);
        String withoutMetrics = Fixture.edit(spec.replaceFirst("(?s)  /metrics:\n.*?(?=\n  /api/v1/drifts:)", ""),
                "\npaths:\n", "\npaths:\n  /api/v1/widgets:\n    get:\n      operationId: listWidgets\n"
                        + "      responses:\n        \"200\": { description: invented }\n",
                "required: [tenantId, total, bySeverity", "required: [owner, tenantId, total, bySeverity");
        SuiteRunner.Result result = run(withoutMetrics, Map.of());
        assertEquals(Outcome.FAIL, result.verdict().outcome());
        assertLine(result, "contract routes", "served but not documented: [GET /metrics]; documented but not served: [GET /api/v1/widgets]");
        assertLine(result, "contract routes", "documented operations the service answers as unknown: [GET /api/v1/widgets (40");
        assertLine(result, "contract operations", "owner");
    }

    private SuiteRunner.Result run(String spec, Map<String, String> faults) throws IOException {
        Files.writeString(dir.resolve("driftsentry.yaml"), spec);
        Path envs = Files.createDirectories(dir.resolve("environments"));
        Files.writeString(envs.resolve("contract.yaml"), """
                name: contract
                target: { baseUrl: embedded, seed: 20 }
                gates:
                  contract: { spec: driftsentry.yaml, generatedRequests: 150 }
                """);
        Environment env = new EnvironmentLoader(envs, Map.of(), SecretResolver::fromSystem).load("contract");
        return ContractGate.run(env, dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), faults);
    }

    private static void assertLine(SuiteRunner.Result result, String criterion, String reasonContains) {
        VerdictLine line = result.verdict().lines().stream().filter(l -> l.criterion().equals(criterion)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict line " + criterion + " in " + result.verdict().lines()));
        assertEquals(Outcome.FAIL, line.outcome(), criterion + ": " + line);
        assertTrue(line.reason().contains(reasonContains), criterion + " should say '" + reasonContains + "' but says: " + line.reason());
    }
}
