package com.driftsentry.gate.verdict;

/**
 * One criterion judged: what was checked, against which threshold, what was measured, on how
 * many samples (and how many it needed), over which window, and why the outcome is what it is.
 */
public record VerdictLine(String criterion, String threshold, String measured, long samples, long minSamples, String window,
                          Outcome outcome, String reason) {

    /** Starts a line for {@code criterion}; a gate then says what it measured and ends with the outcome and why. */
    public static Builder of(String criterion) {
        return new Builder(criterion, "", "unknown", 0, 0, "");
    }

    /** The same line under another name (a driver prefixes the gate, a stress run the level). */
    public VerdictLine renamed(String newCriterion) {
        return new VerdictLine(newCriterion, threshold, measured, samples, minSamples, window, outcome, reason);
    }

    /** Immutable: each step returns a new builder, so a gate can share the common part of its lines. */
    public record Builder(String criterion, String threshold, String measured, long samples, long minSamples, String window) {
        public Builder threshold(String value) {
            return new Builder(criterion, value, measured, samples, minSamples, window);
        }

        public Builder measured(String value) {
            return new Builder(criterion, threshold, value, samples, minSamples, window);
        }

        /** How many samples the value rests on, and how many it needs before it says anything. */
        public Builder samples(long count, long needed) {
            return new Builder(criterion, threshold, measured, count, needed, window);
        }

        public Builder window(String value) {
            return new Builder(criterion, threshold, measured, samples, minSamples, value);
        }

        public VerdictLine pass(String reason) {
            return outcome(Outcome.PASS, reason);
        }

        public VerdictLine fail(String reason) {
            return outcome(Outcome.FAIL, reason);
        }

        /** Could not measure (an API refused, too few samples, no baseline): never a pass, never a failure of the build. */
        public VerdictLine inconclusive(String reason) {
            return outcome(Outcome.INCONCLUSIVE, reason);
        }

        /** Shown with its reason, counted towards nothing (see {@link Outcome#NOT_JUDGED}). */
        public VerdictLine notJudged(String reason) {
            return outcome(Outcome.NOT_JUDGED, reason);
        }

        /**
         * The no-data rule, the one place it is decided: fewer samples than the line needs is INCONCLUSIVE, whatever
         * was measured; else PASS with {@code passReason} when {@code within}, FAIL with {@code failReason} otherwise.
         */
        public VerdictLine judged(boolean within, String passReason, String failReason) {
            if (!enoughSamples()) {
                return tooFewSamples();
            }
            return within ? pass(passReason) : fail(failReason);
        }

        /** Whether the line rests on as many samples as it needs. */
        public boolean enoughSamples() {
            return samples >= minSamples;
        }

        /** INCONCLUSIVE: too few samples to say anything (for a gate whose judgement is more than one comparison). */
        public VerdictLine tooFewSamples() {
            return inconclusive("only " + samples + " sample(s), " + minSamples + " needed to judge");
        }

        /** {@link #judged(boolean, String, String)} with the one bound rule: {@code measured} within {@code bound} (at the bound passes). */
        public VerdictLine judged(Bound bound, double measured, String passReason, String failReason) {
            return judged(bound.admits(measured), passReason, failReason);
        }

        public VerdictLine outcome(Outcome outcome, String reason) {
            return new VerdictLine(criterion, threshold, measured, samples, minSamples, window, outcome, reason);
        }
    }
}
