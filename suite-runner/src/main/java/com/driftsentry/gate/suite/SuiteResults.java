package com.driftsentry.gate.suite;

import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts each suite's tests as they finish and turns every suite into one verdict line: FAIL
 * when a test (or the suite's setup) failed, INCONCLUSIVE when no test ran at all (everything
 * skipped is no evidence), PASS otherwise. Skips keep their stated reasons.
 */
final class SuiteResults implements TestExecutionListener {
    private static final int MAX_LISTED = 3;

    private static final class Tally {
        final String name;
        long started;
        long elapsedMs;
        int passed;
        final List<String> failures = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        Tally(String name) {
            this.name = name;
        }
    }

    private final String gate;
    private final Map<String, Tally> suites = new LinkedHashMap<>();
    private TestPlan plan;

    SuiteResults(String gate) {
        this.gate = gate;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (isSuite(id)) {
            tally(id).started = System.nanoTime();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        suiteOf(id).ifPresent(s -> s.skipped.add(id.getDisplayName() + ": " + reason));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Optional<Tally> suite = suiteOf(id);
        if (suite.isEmpty()) {
            return;
        }
        Tally t = suite.get();
        if (isSuite(id)) {
            t.elapsedMs = (System.nanoTime() - t.started) / 1_000_000;
        }
        String message = result.getThrowable().map(SuiteResults::firstLine).orElse("");
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (id.isTest()) {
                    t.passed++;
                }
            }
            case ABORTED -> t.skipped.add(id.getDisplayName() + ": " + message);
            case FAILED -> t.failures.add((isSuite(id) ? "setup" : id.getDisplayName()) + ": " + message);
        }
    }

    @Override
    public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        suiteOf(id).ifPresent(s -> entry.getKeyValuePairs().forEach((k, v) -> s.notes.add(k + " " + v)));
    }

    List<VerdictLine> lines() {
        List<VerdictLine> lines = new ArrayList<>();
        for (Tally t : suites.values()) {
            int failed = t.failures.size();
            // A skip is shown with its reason even on a PASS line: a check that did not run is never silent.
            VerdictLine.Builder line = VerdictLine.of(gate + " " + t.name).threshold("every test passes")
                    .measured(t.passed + " passed, " + failed + " failed, " + t.skipped.size() + " skipped"
                            + (t.skipped.isEmpty() ? "" : " (" + list(t.skipped) + ")")
                            + (t.notes.isEmpty() ? "" : "; " + String.join("; ", t.notes)))
                    .samples(t.passed + failed, 1).window(String.format("%.1f s", t.elapsedMs / 1000.0));
            if (failed > 0) {
                lines.add(line.fail(list(t.failures)));
            } else if (t.passed == 0) {
                lines.add(line.inconclusive("no test ran" + (t.skipped.isEmpty() ? "" : ": " + list(t.skipped))));
            } else {
                lines.add(line.pass("every test that ran passed"));
            }
        }
        return lines;
    }

    /** Every skip with its reason, for the console: a skipped test is never silent. */
    List<String> skips() {
        List<String> all = new ArrayList<>();
        suites.values().forEach(t -> t.skipped.forEach(s -> all.add(t.name + ": " + s)));
        return all;
    }

    private Optional<Tally> suiteOf(TestIdentifier id) {
        for (Optional<TestIdentifier> at = Optional.of(id); at.isPresent(); at = plan.getParent(at.get())) {
            if (isSuite(at.get())) {
                return Optional.of(tally(at.get()));
            }
        }
        return Optional.empty();
    }

    private Tally tally(TestIdentifier suite) {
        return suites.computeIfAbsent(suite.getUniqueId(), k -> new Tally(nameOf(suite)));
    }

    private static boolean isSuite(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent()
                && id.getSource().map(s -> ((ClassSource) s).getJavaClass().getEnclosingClass() == null).orElse(false);
    }

    /** A smoke suite is named by its tag (health, auth, ...); a suite without one by its class. */
    private static String nameOf(TestIdentifier suite) {
        return suite.getTags().stream().map(t -> t.getName()).sorted().findFirst().orElse(suite.getDisplayName());
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().replaceFirst("^Assumption failed: ", "").strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String list(List<String> items) {
        String shown = String.join("; ", items.subList(0, Math.min(MAX_LISTED, items.size())));
        return items.size() > MAX_LISTED ? shown + "; and " + (items.size() - MAX_LISTED) + " more" : shown;
    }
}
