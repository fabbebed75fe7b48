package com.driftsentry.gate.driver.ledger;

import com.driftsentry.gate.report.VerdictJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * One line of the ledger, as Jackson writes it: who ran which command when, from and to which release, how it ended
 * ({@code outcome}, {@code exitCode}) and why, what serves after it, each step's seconds, every verdict, and the
 * release's last log lines when it did not pass. {@code runId} ties it to the command's work folder, lock and intent;
 * {@code recovers} names the interrupted command a recover settled; {@code interrupted} the signal that cancelled it.
 */
@JsonPropertyOrder({"format", "at", "runId", "who", "command", "environment", "from", "to", "outcome", "exitCode", "reason", "recovers",
        "interrupted", "serving", "seconds", "steps", "verdicts", "logs"})
public record LedgerEntry(int format, String at, @JsonInclude(JsonInclude.Include.NON_NULL) String runId, String who, String command,
                          String environment, String from, String to, String outcome, int exitCode, String reason,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String recovers, @JsonInclude(JsonInclude.Include.NON_NULL) String interrupted,
                          String serving, double seconds, Map<String, Double> steps, List<VerdictJson.Document> verdicts,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, List<String>> logs) {
}
