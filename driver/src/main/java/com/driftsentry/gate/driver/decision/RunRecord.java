package com.driftsentry.gate.driver.decision;

import com.driftsentry.gate.driver.ledger.Ledger;
import com.driftsentry.gate.driver.ledger.LedgerEntry;
import com.driftsentry.gate.report.VerdictJson;
import com.driftsentry.gate.verdict.ExitCode;
import com.driftsentry.gate.report.VerdictMarkdown;
import com.driftsentry.gate.verdict.Outcome;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one command did: its verdicts in order, its outcome and why; becomes the ledger entry, the --json result and the notification. */
public final class RunRecord {
    private final String command;
    private final String environment;
    private final List<Verdict> verdicts = new ArrayList<>();
    private Map<String, List<String>> logs = Map.of();
    private String recovers;
    private String interrupted;
    private String from;
    private String to;
    private String serving;
    private RunOutcome outcome;
    private String reason = "";
    private ExitCode exitCode = ExitCode.FAILED;

    public RunRecord(String command, String environment) {
        this.command = command;
        this.environment = environment;
    }

    public RunRecord releases(String fromRelease, String toRelease) {
        this.from = fromRelease;
        this.to = toRelease;
        return this;
    }

    public void add(Verdict v) {
        verdicts.add(v);
    }

    public List<Verdict> verdicts() {
        return verdicts;
    }

    /** FAIL if any verdict failed, else INCONCLUSIVE if any lacked data, else PASS; no verdict at all is INCONCLUSIVE. */
    public Outcome gatesOutcome() {
        return Outcome.overall(verdicts.stream().map(Verdict::outcome).toList());
    }

    /** The signal that cancelled this command. */
    public void interrupted(String signal) {
        this.interrupted = interrupted == null ? signal : interrupted;
    }

    /** recover: the interrupted command this run settles. */
    public void recovers(String interrupted) {
        this.recovers = interrupted;
    }

    /** The last lines each part of the release wrote (a run that did not pass). */
    public void logs(Map<String, List<String>> tails) {
        this.logs = Map.copyOf(tails);
    }

    /** {@code unlock}: a person broke the stage's lock; nothing else changed. */
    public static RunRecord unlocked(String environment, String why) {
        RunRecord run = new RunRecord("unlock", environment);
        run.end(RunOutcome.UNLOCKED, why, null);
        return run;
    }

    /** A run that changes no release ({@code publish}, the recover of one): how it ended and why; what serves stays the ledger's. */
    public RunRecord ended(RunOutcome finalOutcome, Outcome judged, String why) {
        end(finalOutcome, judged, why, null);
        return this;
    }

    /** How the run ended, why, and what serves after it (null: nothing known to serve). */
    void end(RunOutcome finalOutcome, String why, String servingAfter) {
        end(finalOutcome, Outcome.PASS, why, servingAfter);
    }

    /** As {@link #end(RunOutcome, String, String)}; {@code judged}: what a rollback answered (its exit code, see {@link RunOutcome#ROLLED_BACK}). */
    void end(RunOutcome finalOutcome, Outcome judged, String why, String servingAfter) {
        this.outcome = finalOutcome;
        this.reason = why;
        this.exitCode = finalOutcome.exitCode(judged);
        this.serving = servingAfter;
    }

    /** How the run ended; null until it has. */
    public RunOutcome outcome() {
        return outcome;
    }

    /** Why the run did not pass, in a line: the first verdict that did not, and in it a failure before a line that lacked data. */
    public String firstProblem() {
        return interrupted == null ? firstJudged() : "cancelled by " + interrupted + " (" + firstJudged() + ")";
    }

    private String firstJudged() {
        return verdicts.stream().filter(v -> v.outcome() != Outcome.PASS).findFirst().map(v -> v.gate() + ": " + firstProblem(v))
                .orElse("no gate ran");
    }

    public static String firstProblem(Verdict v) {
        // A failure says more than a line that lacked data, so it is named first.
        return v.failing().stream().sorted(Comparator.comparing(l -> l.outcome() != Outcome.FAIL)).findFirst()
                .map(l -> l.criterion() + " " + l.outcome() + ": " + l.reason()).orElse(v.outcome().name());
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public String title() {
        return "driftgate " + command + " on " + environment + ": " + (outcome == null ? "UNKNOWN" : outcome) + (to == null ? "" : " (" + (from == null ? "none" : from) + " → " + to + ")");
    }

    public LedgerEntry entry(Map<String, Double> steps, double seconds) {
        return entry(null, steps, seconds);
    }

    /** The ledger entry; {@code runId} ties it to the command's work folder, lock and intent. */
    public LedgerEntry entry(String runId, Map<String, Double> steps, double seconds) {
        return new LedgerEntry(Ledger.FORMAT, Instant.now().toString(), runId, who(), command, environment, from, to,
                outcome == null ? "UNKNOWN" : outcome.name(), exitCode.code(),
                recovers == null ? reason : "recovered from the interrupted " + recovers + ": " + reason, recovers, interrupted, serving, seconds,
                steps, verdicts.stream().map(VerdictJson.Document::of).toList(), logs.isEmpty() ? null : new TreeMap<>(logs));
    }

    public String markdown() {
        StringBuilder md = new StringBuilder(reason).append("\n\n").append(VerdictMarkdown.header());
        for (Verdict v : verdicts) {
            for (VerdictLine l : v.lines()) {
                md.append(VerdictMarkdown.row(l.renamed(v.gate() + ": " + l.criterion())));
            }
        }
        new TreeMap<>(logs).forEach((part, lines) -> md.append("\n").append(part).append(lines.isEmpty() ? ": no log (it wrote nothing, or never started)\n"
                : ", its last " + lines.size() + " log lines:\n\n```\n" + String.join("\n", lines).replace("```", "'''") + "\n```\n"));
        return md.toString();
    }

    private static String who() {
        String actor = System.getenv("GITHUB_ACTOR");
        return actor != null ? actor + " (GitHub Actions)" : System.getProperty("user.name", "unknown");
    }
}
