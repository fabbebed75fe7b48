package com.driftsentry.gate.evidence;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.ExitCode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -cp … com.driftsentry.gate.evidence.EvidenceSummary evidence.json [more.json …]}:
 * merges evidence files (from several runs or load generators) and prints, per request group and
 * for all of them, the requests, errors and response-time percentiles. Exit 3 on a bad file.
 */
public final class EvidenceSummary {
    private EvidenceSummary() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Prints the merged summary and returns 0, or says what is wrong on one line and returns 3. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new ConfigError("name one or more evidence.json files (fix: EvidenceSummary target/gate/<run>/evidence.json …)");
            }
            Evidence merged = null;
            for (String file : args) {
                Evidence e = EvidenceFile.read(Path.of(file));
                merged = merged == null ? e : merged.merge(e);
            }
            out.print(render(merged));
            return ExitCode.PASSED.code();
        } catch (ConfigError e) {
            return ExitCode.badInput("evidence-summary", e, err).code();
        }
    }

    public static String render(Evidence evidence) {
        Map<String, GroupEvidence> rows = new TreeMap<>(evidence.groups());
        rows.put("(all)", evidence.global());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-12s %9s %7s %9s %9s %9s %9s %9s%n",
                "group", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms"));
        rows.forEach((name, g) -> out.append(String.format(Locale.ROOT, "%-12s %9d %7d %9d %9d %9d %9d %9d%n", name, g.requests(),
                g.unexpected(), p(g, 50), p(g, 90), p(g, 99), p(g, 99.9), g.histogram().getTotalCount() == 0 ? 0 : g.histogram().getMaxValue())));
        return out.toString();
    }

    private static long p(GroupEvidence g, double percentile) {
        return Percentiles.of(g.histogram(), percentile);
    }
}
