package com.driftsentry.gate.contract;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.SuiteGateConfig;
import com.driftsentry.gate.suite.SuiteRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The contract gate: the stage is held to the OpenAPI document named by {@code gates.contract.spec}
 * (routes both ways, every operation, generated inputs, every refusal). {@code main} is what a
 * pipeline calls; {@link #run} is what the build's gate test and the driver call.
 */
public final class ContractGate {
    /** In the order they run; the errors suite is last because its 429 leaves this address throttled. */
    public static final List<Class<?>> SUITES = List.of(RoutesContract.class, OperationsContract.class, GeneratedInputContract.class,
            ErrorsContract.class);

    private ContractGate() {
    }

    /** Runs the gate with {@code embeddedSettings} given to an embedded service (ignored for a remote stage). */
    public static SuiteRunner.Result run(Environment env, Path outputRoot, PrintStream out, Map<String, String> embeddedSettings) {
        SuiteGateConfig.Contract contract = env.requireContract();
        ContractSpec.of(contract.spec());
        SuiteRunner runner = new SuiteRunner("contract", SUITES, out);
        embeddedSettings.forEach(runner::withEmbeddedSetting);
        return runner.run(env, List.of(), contract.readOnly(), outputRoot);
    }

    /** {@code -Denv=<name>} (default local); exits with the verdict's exit code, or bad input's. */
    public static void main(String[] args) {
        System.exit(exitCode(System.getProperty("env", "local"), System.out, System.err));
    }

    public static int exitCode(String envName, PrintStream out, PrintStream err) {
        return SuiteRunner.exitCode("contract", envName, err, env -> run(env, Path.of(System.getProperty("gate.output", "target")), out, Map.of()));
    }
}
