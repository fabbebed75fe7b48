package com.driftsentry.gate.load;

import com.driftsentry.gate.abort.EarlyAbort;
import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.Threshold;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.target.EmbeddedTarget;
import com.driftsentry.gate.target.Reachability;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.report.Reports;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One gated load run, from environment to verdict: loads {@code -Denv} (default {@code local}),
 * starts the embedded target when the environment says so, records every response, watches for
 * an early abort, and at the end judges, writes the evidence and reports, and sets the exit code
 * so that the build fails exactly when the verdict does.
 */
public final class GateRun implements RecordedCall.Sink {
    /** Exit codes as in DESIGN.md: 1 failed, 3 bad input, 4 inconclusive. */
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 3;
    public static final int INCONCLUSIVE = 4;

    private final String simulation;
    private final Environment environment;
    private final LoadGateConfig load;
    private final EmbeddedTarget embedded;
    private final String baseUrl;
    private final String adminKey;
    private final String readerKey;
    private final EvidenceRecorder recorder = new EvidenceRecorder();
    private final EarlyAbort abort;
    private final Path outputDir;
    private Optional<Evidence.CacheCounters> cacheBefore = Optional.empty();
    private final AtomicLong requestIds = new AtomicLong();
    private final Map<String, Double> latencyBounds = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private Judging judging = (load, evidence, baseline) -> Judge.judge(environmentName(), targetDescription(), load, evidence, baseline).lines();

    /** Sees every recorded response (the stress simulation buckets them by load level). */
    @FunctionalInterface
    public interface Listener {
        void recorded(String group, int status, long responseTimeMs, boolean expected, long endEpochMs);
    }

    /** Turns the run's evidence into verdict lines; the default judges each threshold over the whole run. */
    @FunctionalInterface
    public interface Judging {
        List<VerdictLine> lines(LoadGateConfig load, Evidence evidence, Optional<Evidence> baseline);
    }

    private GateRun(String simulation, Environment environment, LoadGateConfig load, EmbeddedTarget embedded, Path outputDir) {
        this.simulation = simulation;
        this.environment = environment;
        this.load = load;
        this.embedded = embedded;
        this.outputDir = outputDir;
        this.baseUrl = embedded != null ? embedded.baseUrl() : environment.target().baseUrl();
        this.adminKey = embedded != null ? environment.masker().register(embedded.adminKey()) : environment.target().apiKey();
        this.readerKey = embedded != null ? environment.masker().register(embedded.readerKey()) : environment.target().apiKey();
        this.abort = new EarlyAbort(load.earlyAbort());
    }

    /** Loads and checks everything before any load is sent; bad input ends the JVM with one line and exit 3. */
    public static GateRun start(String simulation, Set<String> groups) {
        try {
            Environment env = EnvironmentLoader.fromSystem().load(System.getProperty("env", "local"));
            LoadGateConfig load = env.requireLoad();
            if (!load.simulation().equals(simulation)) {
                throw new ConfigError(env.file() + ": gates.load.simulation: this environment is gated by " + load.simulation()
                        + ", not " + simulation + " (fix: -Dgate.simulationClass=com.driftsentry.gate.simulations." + load.simulation() + ")");
            }
            if (System.getProperty("gate.simulation") != null) {
                List<Threshold> dropped = new ArrayList<>();
                load = load.applicableTo(groups, dropped);
                dropped.forEach(t -> System.out.println("driftgate load: not judged by " + simulation + " (no group " + t.scope() + "): " + t.describe()));
            }
            load.requireScopes(groups, simulation);
            if (!env.target().embedded() && env.target().apiKey() == null && !groups.equals(Set.of("health"))) {
                throw new ConfigError(env.file() + ": target.apiKey: " + simulation + " calls the authenticated API and needs a key"
                        + " (fix: apiKey: ${env:DRIFTSENTRY_API_KEY} or ${secret:<name>})");
            }
            if (!env.target().embedded()) {
                Reachability.requireVersion(env.file(), env.target().baseUrl());
            }
            Path out = Path.of(System.getProperty("gate.output", "target"), "gate", simulation.toLowerCase() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            EmbeddedTarget target = env.target().embedded() ? EmbeddedTarget.start(env.target().seed(), faultSettings(), out) : null;
            if (target != null) {
                Runtime.getRuntime().addShutdownHook(new Thread(target::close, "embedded-target-stop"));
            }
            GateRun run = new GateRun(simulation, env, load, target, out);
            System.out.println("driftgate load: " + simulation + " on " + env.name() + " against " + run.baseUrl
                    + " (" + describe(load) + ")");
            return run;
        } catch (ConfigError e) {
            System.err.println("driftgate load: " + e.getMessage());
            System.exit(BAD_INPUT);
            throw e;
        }
    }

    /** The DRIFTSENTRY_FAULT_* switches of this shell, passed to the embedded service only. */
    private static Map<String, String> faultSettings() {
        return System.getenv().entrySet().stream().filter(e -> e.getKey().startsWith("DRIFTSENTRY_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String describe(LoadGateConfig load) {
        return "ramp to " + load.profile().rampToPerSecond() + " users/s over " + load.profile().over().toSeconds() + " s, hold "
                + load.profile().hold().toSeconds() + " s, " + load.thresholds().size() + " thresholds";
    }

    private String targetDescription() {
        return embedded != null ? "embedded reference service (" + baseUrl + ")" : baseUrl;
    }

    private String environmentName() {
        return environment.name();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String adminKey() {
        return adminKey;
    }

    public String readerKey() {
        return readerKey;
    }

    public LoadGateConfig load() {
        return load;
    }

    public void onRecord(Listener listener) {
        listeners.add(listener);
    }

    public void judgeWith(Judging judging) {
        this.judging = judging;
    }

    @Override
    public String sent(String group) {
        recorder.sent(group);
        return "gate-" + requestIds.incrementAndGet();
    }

    @Override
    public void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs) {
        recorder.record(group, status, responseTimeMs, expected, endEpochMs);
        listeners.forEach(l -> l.recorded(group, status, responseTimeMs, expected, endEpochMs));
        double bound = latencyBounds.computeIfAbsent(group, g -> load.latencyBoundFor(g).orElse(Double.MAX_VALUE));
        abort.observe(!expected, responseTimeMs > bound);
    }

    public boolean aborted() {
        return abort.tripped();
    }

    public String abortReason() {
        return abort.reason().orElse("");
    }

    /**
     * Warms the target's key cache (one request per key, not recorded: a long-lived client pays
     * bcrypt once, not in its p99), then reads the cache counters the run is judged against.
     */
    public void beforeRun() {
        TargetMetrics metrics = new TargetMetrics(baseUrl);
        metrics.touch("/api/v1/drifts?limit=1", adminKey);
        metrics.touch("/api/v1/drifts?limit=1", readerKey);
        cacheBefore = metrics.cacheCounters();
    }

    /** Judges, writes evidence and reports, stops the embedded target, and arranges the exit code. */
    public Verdict finish() {
        abort.reason().ifPresent(recorder::stoppedEarly);
        Evidence.CacheCounters cache = cacheBefore.flatMap(before -> new TargetMetrics(baseUrl).cacheCounters()
                .map(after -> TargetMetrics.delta(before, after))).orElse(null);
        Evidence evidence = recorder.snapshot(simulation, environment.name(), cache);
        Optional<Evidence> baseline = load.baseline().filter(Files::exists).map(EvidenceFile::read);
        Verdict verdict = Verdict.of("load", environment.name(), simulation, targetDescription(), judging.lines(load, evidence, baseline));
        try {
            EvidenceFile.write(evidence, outputDir.resolve("evidence.json"));
            Reports.write(verdict, outputDir, environment.masker());
            gatlingRunDirectory().ifPresent(dir -> {
                try {
                    Reports.write(verdict, dir, environment.masker());
                } catch (IOException e) {
                    System.err.println("driftgate load: could not copy the verdict next to Gatling's report: " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("driftgate load: could not write the reports to " + outputDir + ": " + e.getMessage());
        }
        if (embedded != null) {
            embedded.close();
        }
        System.out.println(environment.masker().mask(ConsoleTable.render(verdict)));
        System.out.println("driftgate load: evidence and reports in " + outputDir.toAbsolutePath());
        exitWith(verdict.outcome());
        return verdict;
    }

    /** The newest Gatling run folder of this simulation, where its HTML report is being written. */
    private Optional<Path> gatlingRunDirectory() {
        Path results = Path.of(System.getProperty("gate.output", "target"), "gatling");
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(simulation.toLowerCase() + "-"))
                    .max(Comparator.comparing(d -> d.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Gatling decides its own exit code from its assertions; the gate's verdict (which also knows
     * INCONCLUSIVE, the cache and regressions) must have the last word. A shutdown hook that halts
     * with the verdict's code runs after Gatling has written its report.
     */
    private static void exitWith(Outcome outcome) {
        int code = switch (outcome) {
            case PASS -> 0;
            case FAIL -> FAILED;
            case INCONCLUSIVE -> INCONCLUSIVE;
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }, "gate-verdict-exit"));
    }
}
