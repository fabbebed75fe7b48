package com.driftsentry.gate.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.suite.SuiteRunner;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.VerdictLine;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code mvn -pl contract-tests verify [-Denv=staging | -Dgate.baseUrl=… -Dgate.apiKey=…]}: the contract gate
 * against that environment (the embedded default without arguments). Fails with the verdict's
 * failing lines; the full reports are in target/gate/contract-*.
 */
class ContractGateIT {

    @Test
    void stageHonoursTheContract() {
        Environment env = EnvironmentLoader.fromSystem().load(System.getProperty("env", "local"));
        SuiteRunner.Result result = ContractGate.run(env, Path.of(System.getProperty("gate.output", "target")), System.out, Map.of());
        assertEquals(Outcome.PASS, result.verdict().outcome(), () -> env.masker().mask(result.verdict().failing().stream()
                .map(VerdictLine::reason).collect(Collectors.joining(" | ", "contract gate " + result.verdict().outcome() + ": ", ""))));
    }
}
