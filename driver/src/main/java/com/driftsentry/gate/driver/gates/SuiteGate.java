package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.contract.ContractGate;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.smoke.SmokeGate;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The smoke or the contract gate, run in this JVM against the release the environment is aimed at. */
public final class SuiteGate implements Gate {
    private final String name;
    private final Environment aimed;
    private final Path output;
    private final PrintStream log;

    private SuiteGate(String name, Environment aimed, Path output, PrintStream log) {
        this.name = name;
        this.aimed = aimed;
        this.output = output;
        this.log = log;
    }

    public static SuiteGate smoke(Environment aimed, Path output, PrintStream log) {
        return new SuiteGate("smoke", aimed, output, log);
    }

    public static SuiteGate contract(Environment aimed, Path output, PrintStream log) {
        return new SuiteGate("contract", aimed, output, log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Verdict judge() {
        try {
            return (name.equals("smoke") ? SmokeGate.run(aimed, output, log, Map.of()) : ContractGate.run(aimed, output, log, Map.of())).verdict();
        } catch (ConfigError | IllegalStateException e) {
            // The release stopped answering between the deploy and this gate, or the suites could not run: a failure, never a pass.
            return Verdict.of(name, aimed.name(), "release", aimed.target().baseUrl(), List.of(new VerdictLine(name + " run", "the suites run",
                    "did not run", 0, 1, "before the suites", Outcome.FAIL, e.getMessage())));
        }
    }
}
