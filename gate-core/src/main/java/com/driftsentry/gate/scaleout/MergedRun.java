package com.driftsentry.gate.scaleout;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The evidence of a scaled-out run as the coordinator reads it back: each generator's final evidence, its intervals and
 * how it ended. It is whole only when every generator wrote its final evidence and its done note, every interval from
 * the start to its last, and its clock was within the bound; then the finals merge exactly (histograms and counts add)
 * and are judged once, as a single generator's run is. Anything short of that is a line naming the generator and the
 * time, INCONCLUSIVE: never a verdict on part of the load.
 */
public final class MergedRun {
    /** Generator clocks further apart than this cannot have their intervals aligned on the start. */
    public static final Duration SKEW_BOUND = Duration.ofSeconds(1);

    private final int count;
    private final RunChannel.Start start;
    private final Map<Integer, Evidence> finals = new TreeMap<>();
    private final Map<Integer, RunChannel.Done> dones = new TreeMap<>();
    private final Map<Integer, SortedMap<Integer, Evidence>> intervals = new TreeMap<>();
    private final Map<Integer, ClockOffset> offsets;

    private MergedRun(int count, RunChannel.Start start, Map<Integer, ClockOffset> offsets) {
        this.count = count;
        this.start = start;
        this.offsets = Map.copyOf(offsets);
    }

    /** What the channel holds for generators 0 to {@code count - 1} of a run that started at {@code start}. */
    public static MergedRun read(RunChannel channel, int count, RunChannel.Start start, Map<Integer, ClockOffset> offsets) {
        MergedRun run = new MergedRun(count, start, offsets);
        for (int i = 0; i < count; i++) {
            int index = i;
            channel.finalEvidence(i).ifPresent(e -> run.finals.put(index, e));
            channel.done(i).ifPresent(d -> run.dones.put(index, d));
            run.intervals.put(i, new TreeMap<>(channel.intervals(i)));
        }
        return run;
    }

    /** One line per way the evidence is not whole; empty when it is. */
    public List<VerdictLine> gaps() {
        List<VerdictLine> gaps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SortedMap<Integer, Evidence> written = intervals.getOrDefault(i, new TreeMap<>());
            ClockOffset offset = offsets.get(i);
            if (offset != null && !offset.within(SKEW_BOUND)) {
                gaps.add(gap(i, "clock", "generator " + i + "'s clock is " + offset.describe() + " from the coordinator's, beyond the "
                        + SKEW_BOUND.toMillis() + " ms its intervals can be aligned within"));
            }
            if (!finals.containsKey(i) || !dones.containsKey(i)) {
                String last = written.isEmpty() ? "it wrote no interval" : "its last interval was " + window(written.lastKey());
                gaps.add(gap(i, "final evidence", "generator " + i + " never wrote its final evidence (" + last + "): it died or was stopped"));
                continue;
            }
            int expected = dones.get(i).intervals();
            for (int k = 0; k < expected; k++) {
                if (!written.containsKey(k)) {
                    gaps.add(gap(i, "intervals", "generator " + i + " wrote no evidence for " + window(k)));
                    break;
                }
            }
        }
        return gaps;
    }

    /** Every generator's final evidence, merged: what the gate's criteria judge. */
    public Evidence merged() {
        return finals.values().stream().reduce(Evidence::merge).orElseThrow(() -> new IllegalStateException("no generator wrote evidence"));
    }

    /** The intervals of every generator merged by number: the run's percentiles over time. */
    public SortedMap<Integer, Evidence> overTime() {
        SortedMap<Integer, Evidence> merged = new TreeMap<>();
        intervals.values().forEach(byNumber -> byNumber.forEach((k, e) -> merged.merge(k, e, Evidence::merge)));
        return merged;
    }

    /** Requests each generator recorded in each interval: interval → generator → requests. */
    public SortedMap<Integer, Map<Integer, Long>> requestsByInterval() {
        SortedMap<Integer, Map<Integer, Long>> shares = new TreeMap<>();
        intervals.forEach((i, byNumber) -> byNumber.forEach((k, e) -> shares.computeIfAbsent(k, n -> new TreeMap<>()).put(i, e.global().requests())));
        return shares;
    }

    public int count() {
        return count;
    }

    public RunChannel.Start start() {
        return start;
    }

    /** Requests each generator sent, by index (its final evidence). */
    public Map<Integer, Long> requestsByGenerator() {
        Map<Integer, Long> sent = new TreeMap<>();
        finals.forEach((i, e) -> sent.put(i, e.global().requests()));
        return sent;
    }

    /** The line that says how the load was made: how many generators, how many requests each, their clocks. */
    public VerdictLine generatorsLine() {
        Map<Integer, Long> sent = requestsByGenerator();
        List<String> each = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ClockOffset o = offsets.get(i);
            each.add(i + ": " + (sent.containsKey(i) ? String.format(Locale.ROOT, "%,d", sent.get(i)) : "none") + (o == null ? "" : " (clock " + o.describe() + ")"));
        }
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        VerdictLine.Builder line = VerdictLine.of("generators").threshold(count + " generators, each its share, every interval written")
                .measured(String.join("; ", each)).samples(sent.size(), count).window(String.format(Locale.ROOT, "%,d requests", total));
        List<VerdictLine> gaps = gaps();
        return gaps.isEmpty() ? line.pass("the merged evidence is whole") : line.inconclusive(gaps.get(0).reason());
    }

    private String window(int k) {
        long from = k * start.interval().toSeconds();
        return "interval " + k + " (" + from + " s to " + (from + start.interval().toSeconds()) + " s after the start at " + start.at() + ")";
    }

    private static VerdictLine gap(int index, String what, String reason) {
        return VerdictLine.of("generator " + index + " " + what).threshold("written whole").measured("missing").samples(0, 1)
                .window("the run").inconclusive(reason);
    }

    Optional<Evidence> finalOf(int index) {
        return Optional.ofNullable(finals.get(index));
    }
}
