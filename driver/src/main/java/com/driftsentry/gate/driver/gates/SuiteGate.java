package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.background.OwnThread;
import com.driftsentry.gate.contract.ContractGate;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.smoke.SmokeGate;
import com.driftsentry.gate.suite.SuiteWarmUp;
import com.driftsentry.gate.target.TargetUnreachable;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The smoke or the contract gate, run in this JVM against the release the environment is aimed at. Prepared while the
 * gate before it runs, it warms its test libraries up against a loopback server of its own ({@link SuiteWarmUp}).
 */
public final class SuiteGate implements Gate {
    private static final long WARM_UP_WAIT_S = 30;

    private final String name;
    private final Environment aimed;
    private final Path output;
    private final PrintStream log;
    private volatile CompletableFuture<Void> warmUp;

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

    /** The smoke suite that throttles this address, on its own: the driver runs it after every other gate. */
    public static SuiteGate smokeRateLimit(Environment aimed, Path output, PrintStream log) {
        return new SuiteGate(SmokeGate.RATE_LIMIT, aimed.withSmokeTags(List.of(SmokeGate.RATE_LIMIT)), output, log);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare() {
        warmUp = CompletableFuture.runAsync(SuiteWarmUp::run, OwnThread.named(name + "-warm-up"));
    }

    @Override
    public Verdict judge() {
        awaitWarmUp();
        VerdictLine.Builder line = VerdictLine.of(name + " run").threshold("the suites run").measured("did not run").samples(0, 1)
                .window("before the suites");
        try {
            return (name.equals("contract") ? ContractGate.run(aimed, output, log, Map.of()) : SmokeGate.run(aimed, output, log, Map.of())).verdict();
        } catch (TargetUnreachable e) {
            // The release answered the version gate, then stopped answering: a failure of the release.
            return verdict(aimed.name(), "release", aimed.target().baseUrl(), line.fail(e.getMessage()));
        } catch (ConfigError | IllegalStateException e) {
            // The suites could not run (a document that cannot be read, a runner that could not start): nothing was measured.
            return verdict(aimed.name(), "release", aimed.target().baseUrl(), line.inconclusive(e.getMessage()));
        }
    }

    /** A warm-up only saves time: one that failed or hangs changes nothing, and the suites load what they need themselves. */
    private void awaitWarmUp() {
        CompletableFuture<Void> started = warmUp;
        warmUp = null;
        if (started == null) {
            return;
        }
        try {
            started.get(WARM_UP_WAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // see above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
