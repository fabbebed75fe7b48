package com.driftsentry.gate.suite;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.report.ConsoleTable;
import com.driftsentry.gate.report.Reports;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import com.driftsentry.gate.target.Health;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * Runs a gate made of JUnit suites (smoke, contract) against one environment: starts the
 * embedded service when the environment says so, checks the stage answers (one line and bad
 * input when it does not), launches the suites with the environment's tags, always runs the
 * cleanup afterwards, and turns the results into a verdict with one line per suite, written as
 * verdict.json / verdict.md / JUnit XML like the load gate's.
 */
public final class SuiteRunner {
    private final String gate;
    private final List<Class<?>> suites;
    private final PrintStream out;
    private final Map<String, String> embeddedSettings = new HashMap<>();

    public SuiteRunner(String gate, List<Class<?>> suites, PrintStream out) {
        this.gate = gate;
        this.suites = List.copyOf(suites);
        this.out = out;
    }

    /** Settings for the embedded service only, e.g. DRIFTSENTRY_FAULT_* switches or its CORS allow-list. */
    public SuiteRunner withEmbeddedSetting(String name, String value) {
        embeddedSettings.put(name, value);
        return this;
    }

    public record Result(Verdict verdict, Path reports) {
    }

    /**
     * What a gate's {@code main} does: loads {@code -Denv=<envName>}, runs the gate, and returns the
     * verdict's exit code; bad input (a file, a setting, a stage that does not answer) is one line
     * on {@code err} and exit 3.
     */
    public static int exitCode(String gate, String envName, PrintStream err, Function<Environment, Result> run) {
        try {
            return ExitCode.of(run.apply(EnvironmentLoader.fromSystem().load(envName)).verdict().outcome()).code();
        } catch (ConfigError e) {
            return ExitCode.badInput("driftgate " + gate, e, err).code();
        }
    }

    /** Runs the suites carrying any of {@code tags} (all suites when empty). Throws ConfigError on bad input, before any test. */
    public Result run(Environment env, List<String> tags, boolean readOnly, Path outputRoot) {
        Path dir = outputRoot.resolve("gate").resolve(gate + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        EmbeddedTarget embedded = null;
        try {
            Files.createDirectories(dir);
            String baseUrl = env.target().baseUrl();
            String apiKey = env.target().apiKey();
            String readerKey = null;
            if (env.target().embedded()) {
                embedded = EmbeddedTarget.start(env.target().seed(), embeddedSettings, dir);
                baseUrl = embedded.baseUrl();
                apiKey = env.masker().register(embedded.adminKey());
                readerKey = env.masker().register(embedded.readerKey());
            }
            String version = Health.requireVersion(env.file(), baseUrl);
            String runId = gate + "-" + UUID.randomUUID().toString().substring(0, 8);
            String target = env.target().embedded() ? "embedded reference service (" + baseUrl + ")" : baseUrl;
            out.println("driftgate " + gate + ": environment " + env.name() + ", version " + version + ", " + target
                    + (tags.isEmpty() ? "" : ", suites " + String.join(", ", tags)) + (readOnly ? ", read-only" : "") + ", run " + runId);
            Stage stage = new Stage(gate, env, baseUrl, apiKey, readerKey, version, runId, readOnly);
            List<VerdictLine> lines = launch(stage, tags, dir);
            Verdict verdict = Verdict.of(gate, env.name(), "version " + version, target, lines);
            Reports.write(verdict, dir, env.masker());
            out.println(env.masker().mask(ConsoleTable.render(verdict)));
            out.println("driftgate " + gate + ": " + verdict.outcome() + ", reports in " + dir);
            return new Result(verdict, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private List<VerdictLine> launch(Stage stage, List<String> tags, Path dir) throws IOException {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(suites.stream().map(DiscoverySelectors::selectClass).toList())
                .configurationParameter("junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation");
        if (!tags.isEmpty()) {
            request.filters(TagFilter.includeTags(tags));
        }
        LauncherDiscoveryRequest discovery = request.build();
        SuiteResults results = new SuiteResults(gate);
        Path xml = dir.resolve("junit");
        Stage.set(stage);
        List<Cleanup.Result> cleaned;
        try (PrintWriter quiet = new PrintWriter(PrintWriter.nullWriter())) {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(discovery, results, new LegacyXmlReportGeneratingListener(xml, quiet));
        } finally {
            cleaned = stage.cleanup().runAll();
            Stage.set(null);
        }
        maskReports(xml, stage);
        results.skips().forEach(s -> out.println(stage.masker().mask("driftgate " + gate + ": skipped " + s)));
        cleaned.forEach(c -> out.println(stage.masker().mask("driftgate " + gate + ": " + c)));
        List<VerdictLine> lines = new ArrayList<>(results.lines());
        if (!cleaned.isEmpty()) {
            List<String> failed = cleaned.stream().filter(c -> !c.done()).map(Cleanup.Result::toString).toList();
            lines.add(VerdictLine.of(gate + " cleanup").threshold("everything the run created is removed or closed")
                    .measured((cleaned.size() - failed.size()) + " of " + cleaned.size() + " undone").samples(cleaned.size(), 1)
                    .window("after the suites").judged(failed.isEmpty(), "all undone", String.join("; ", failed)));
        }
        return lines;
    }

    /** The JUnit XML carries failure messages and output; nothing in it may show a secret. */
    private static void maskReports(Path xml, Stage stage) throws IOException {
        if (!Files.isDirectory(xml)) {
            return;
        }
        try (Stream<Path> files = Files.list(xml)) {
            for (Path f : files.toList()) {
                Files.writeString(f, stage.masker().mask(Files.readString(f)));
            }
        }
    }
}
