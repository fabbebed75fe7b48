package com.driftsentry.gate.driver.gates;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.load.GatlingJvm;
import com.driftsentry.gate.report.VerdictJson;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The load gate as {@code mvn gatling:test} runs it, from this classpath: Gatling in a JVM of its
 * own ({@link GatlingJvm}), aimed at the release's address.
 * {@code stageBaseline}: the evidence of the stage's last promotion, compared with when the
 * environment names no baseline file of its own.
 * The verdict is taken as soon as the run has written it; Gatling's HTML report, which comes after it (about 1 s with
 * the JVM's end), is written while the deploy promotes or rolls back, and {@link #settle()} waits for it.
 */
public final class LoadGate implements Gate {
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(120);

    private final Environment env;
    private final String baseUrl;
    private final String apiKey;
    private final Path output;
    private final Optional<Path> stageBaseline;
    private volatile Process reporting;

    public LoadGate(Environment env, String baseUrl, String apiKey, Path output, Optional<Path> stageBaseline) {
        this.env = env;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.output = output;
        this.stageBaseline = stageBaseline;
    }

    @Override
    public boolean timed() {
        return true;
    }

    @Override
    public String name() {
        return "load";
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "load gate on " + env.name() + " at " + baseUrl;
    }

    @Override
    public Verdict judge() {
        LoadGateConfig load = env.requireLoad();
        Path dir = output.resolve("load");
        try {
            Files.createDirectories(dir);
            List<String> properties = new ArrayList<>();
            if (load.baseline().isEmpty()) {
                stageBaseline.ifPresent(b -> properties.add("gate.baseline=" + b.toAbsolutePath()));
            }
            ProcessBuilder pb = GatlingJvm.of(env.name(), load.simulation(), baseUrl, apiKey, dir, properties)
                    .redirectOutput(dir.resolve("gatling.log").toFile());
            Process p = pb.start();
            long limit = load.profile().total().toSeconds() + 180;
            Path gateDir = dir.resolve("gate");
            try {
                await("the load run's verdict").atMost(Duration.ofSeconds(limit)).pollInterval(Duration.ofMillis(100))
                        .until(() -> !p.isAlive() || verdictIn(gateDir).isPresent());
            } catch (ConditionTimeoutException e) {
                p.destroyForcibly();
                return notMeasured("the load run did not end within " + limit + " s; see " + dir.resolve("gatling.log"));
            } catch (TerminalFailureException e) {
                // The command was cancelled: the load stops with it, at once.
                p.destroyForcibly();
                return notMeasured("the load run was stopped: the command was cancelled");
            }
            Optional<Path> verdict = verdictIn(gateDir);
            if (verdict.isEmpty()) {
                return notMeasured("the load run exited with " + p.exitValue() + " without a verdict: "
                        + env.masker().mask(lastLine(dir.resolve("gatling.log"))));
            }
            reporting = p;
            return VerdictJson.read(verdict.get());
        } catch (ConfigError e) {
            return notMeasured("the load run wrote a verdict that cannot be read: " + e.getMessage());
        } catch (IOException e) {
            return notMeasured("the load run could not start: " + e.getMessage());
        }
    }

    /** Waits for Gatling's report after the verdict (a run that takes longer than {@link #REPORT_TIMEOUT} is stopped). */
    @Override
    public void settle() {
        Process p = reporting;
        reporting = null;
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(REPORT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * No verdict came back: the load could not be measured, which never passes and is not by itself
     * a failure of the release (a release that died is named by the stage runner's own check).
     */
    private Verdict notMeasured(String reason) {
        return verdict(env.name(), "release", baseUrl, VerdictLine.of("load run").threshold("a verdict from the load run").measured("none")
                .samples(0, 1).window("the run").inconclusive(reason));
    }

    /** The evidence this gate's run recorded, once it ran: what becomes the stage's baseline after a promotion. */
    public static Optional<Path> evidenceIn(Path output) {
        return verdictIn(output.resolve("load").resolve("gate")).map(v -> v.resolveSibling("evidence.json")).filter(Files::isRegularFile);
    }

    private static Optional<Path> verdictIn(Path gateDir) {
        if (!Files.isDirectory(gateDir)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(gateDir)) {
            return runs.map(r -> r.resolve("verdict.json")).filter(Files::isRegularFile).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return lines.stream().filter(l -> l.startsWith("driftgate")).reduce((a, b) -> b).orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
    }
}
