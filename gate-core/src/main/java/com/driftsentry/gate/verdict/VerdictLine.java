package com.driftsentry.gate.verdict;

/**
 * One criterion judged: what was checked, against which threshold, what was measured, on how
 * many samples (and how many it needed), over which window, and why the outcome is what it is.
 */
public record VerdictLine(String criterion, String threshold, String measured, long samples, long minSamples, String window,
                          Outcome outcome, String reason) {
}
