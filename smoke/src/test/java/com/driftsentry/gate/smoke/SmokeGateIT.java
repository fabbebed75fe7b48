package com.driftsentry.gate.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.suite.SuiteRunner;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -pl smoke verify [-Denv=staging | -Dgate.baseUrl=… -Dgate.apiKey=…]}: the smoke gate
 * against that environment (the embedded default without arguments). Fails with the verdict's
 * failing lines; the full reports are in target/gate/smoke-*.
 */
class SmokeGateIT {

    @Test
    void stagePassesTheSmokeGate() {
        Environment env = EnvironmentLoader.fromSystem().load(System.getProperty("env", "local"));
        SuiteRunner.Result result = SmokeGate.run(env, Path.of(System.getProperty("gate.output", "target")), System.out);
        assertEquals(Outcome.PASS, result.verdict().outcome(), () -> env.masker().mask(result.verdict().failing().stream()
                .map(VerdictLine::reason).collect(Collectors.joining(" | ", "smoke gate " + result.verdict().outcome() + ": ", ""))));
    }
}
