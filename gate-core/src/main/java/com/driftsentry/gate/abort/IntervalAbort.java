package com.driftsentry.gate.abort;

import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.GroupEvidence;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.HistogramIterationValue;

/**
 * {@link EarlyAbort}'s rule asked of a scaled-out run's merged intervals as they arrive, where single responses are
 * no longer in order: over the latest intervals that hold at least the window's requests, the error share or the
 * share slower than their latency bound passes its limit; or one interval holds a response that already fails a
 * criterion for good (a failure under a 0% bound). Slow and decisive are the gate's criteria's answers, as in
 * {@link EarlyAbort}. Once tripped it stays tripped.
 */
public final class IntervalAbort {
    private final LoadGateConfig.EarlyAbortConfig config;
    private final Judge judge;
    private final Deque<long[]> latest = new ArrayDeque<>();
    private String reason;

    public IntervalAbort(LoadGateConfig.EarlyAbortConfig config, Judge judge) {
        this.config = config;
        this.judge = judge;
    }

    /** Interval {@code number} of every generator merged; the reason to stop, once there is one. */
    public Optional<String> observe(int number, Evidence interval) {
        if (reason != null) {
            return Optional.of(reason);
        }
        long requests = 0;
        long errors = 0;
        long slow = 0;
        for (Map.Entry<String, GroupEvidence> e : interval.groups().entrySet()) {
            GroupEvidence g = e.getValue();
            String group = e.getKey();
            if (g.serverErrors() > 0 && judge.decidedBy(group, 500, false).isPresent()
                    || g.unexpected() > 0 && judge.decidedBy(group, 0, false).isPresent()) {
                reason = "an unexpected response in interval " + number + " (" + group + ") with an error budget of 0%: "
                        + judge.decidedBy(group, g.serverErrors() > 0 ? 500 : 0, false).orElseThrow().threshold().describe() + " can only fail from here";
                return Optional.of(reason);
            }
            requests += g.requests();
            errors += g.unexpected();
            for (HistogramIterationValue v : g.histogram().recordedValues()) {
                if (judge.tooSlow(group, v.getValueIteratedTo())) {
                    slow += v.getCountAtValueIteratedTo();
                }
            }
        }
        latest.addFirst(new long[] {requests, errors, slow});
        long[] window = new long[3];
        for (Iterator<long[]> it = latest.iterator(); it.hasNext(); ) {
            long[] i = it.next();
            if (window[0] >= config.window()) {
                it.remove();
                continue;
            }
            window[0] += i[0];
            window[1] += i[1];
            window[2] += i[2];
        }
        if (window[0] >= config.window()) {
            double errorShare = (double) window[1] / window[0];
            double slowShare = (double) window[2] / window[0];
            if (errorShare >= config.errorRate()) {
                reason = String.format(Locale.ROOT, "error rate %.1f%% over the last %d requests (every generator) reached the abort bound %.1f%%",
                        100 * errorShare, window[0], 100 * config.errorRate());
            } else if (slowShare >= config.slowRatio()) {
                reason = String.format(Locale.ROOT, "%.1f%% of the last %d requests (every generator) were slower than their latency bound "
                        + "(abort bound %.1f%%)", 100 * slowShare, window[0], 100 * config.slowRatio());
            }
        }
        return Optional.ofNullable(reason);
    }
}
