package com.driftsentry.gate.load;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.abort.IntervalAbort;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.scaleout.ClockOffset;
import com.driftsentry.gate.scaleout.MergedRun;
import com.driftsentry.gate.scaleout.RunChannel;
import com.driftsentry.gate.scaleout.RunPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import com.driftsentry.gate.verdict.VerdictLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A scaled-out run from the coordinator's side: the generators are started ({@link GeneratorEngine}) and every one must
 * say it is ready within {@code -Dgate.generators.readyWithin} (default 2 min), else the run ends INCONCLUSIVE with no load sent and every generator
 * stopped; their clocks are measured; one start time {@link #LEAD} ahead is set; the merged intervals are asked the
 * early-abort rule as they arrive, and a stop is written that every generator obeys; a generator that exits early or
 * falls an interval behind stops the run too. At the end the merged evidence is judged once, by the same criteria.
 */
final class Coordinator {
    static final Duration LEAD = Duration.ofSeconds(3);
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** An interval not written this long after it ended is missing: its generator is stuck or gone. */
    static final Duration LATE = INTERVAL.multipliedBy(2);
    /** How soon a stop must reach every generator: its poll, a store read and a request's time to notice. */
    static final Duration STOP_BOUND = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(250);

    /** What the run measured (null when no load was sent) and its lines beyond the criteria's. */
    record Result(Evidence evidence, List<VerdictLine> lines, boolean whole) {
    }

    private final LoadPlan plan;
    private final LoadTarget target;
    private final IntervalAbort abort;
    private final int count;
    private final String runId = "run-" + UUID.randomUUID().toString().substring(0, 8);
    private RunChannel channel;
    private GeneratorEngine engine;
    private RunChannel.Start start;
    private Optional<RunChannel.Stop> stop = Optional.empty();
    private int merged;

    Coordinator(LoadPlan plan, LoadTarget target, IntervalAbort abort) {
        this.plan = plan;
        this.target = target;
        this.abort = abort;
        this.count = plan.load().generators().count();
    }

    Result run() {
        try (StageStore store = StageStores.open(plan.environment().deploy().state()); GeneratorEngine started = engine()) {
            channel = new RunChannel(store, runId);
            engine = started;
            System.out.println("driftgate load: " + count + " generators (" + plan.load().generators().engine() + "), run " + runId + " in "
                    + channel.where());
            Optional<VerdictLine> notReady = awaitReady();
            if (notReady.isPresent()) {
                return new Result(null, List.of(notReady.get()), false);
            }
            Map<Integer, ClockOffset> offsets = clocks();
            start = new RunChannel.Start(Instant.now().plus(LEAD), INTERVAL);
            channel.start(start);
            Instant deadline = start.at().plus(plan.load().profile().total()).plus(Duration.ofSeconds(60));
            try {
                await("the generators of run " + runId).atMost(Duration.between(Instant.now(), deadline).plusSeconds(1)).pollDelay(Duration.ZERO)
                        .pollInterval(POLL)
                        .until(this::watchOnce);
            } catch (ConditionTimeoutException e) {
                stopOnce("the run did not end by " + deadline);
            }
            engine.awaitAll(Duration.ofSeconds(30));
            MergedRun run = MergedRun.read(channel, count, start, offsets);
            writePage(run);
            List<VerdictLine> lines = new ArrayList<>(run.gaps());
            lines.add(run.generatorsLine());
            stop.ifPresent(s -> lines.add(stopLine(s, offsets)));
            boolean whole = run.gaps().isEmpty();
            return new Result(run.requestsByGenerator().isEmpty() ? null : run.merged(), lines, whole);
        }
    }

    private GeneratorEngine engine() {
        return plan.load().generators().onEcs() ? EcsEngine.start(plan, runId, target, count) : LocalEngine.start(plan, runId, target, count);
    }

    /** The run's own page beside its verdict: merged percentiles over time, each generator's share. */
    private void writePage(MergedRun run) {
        Path page = plan.output().resolve("scaled-out-run.html");
        try {
            Files.createDirectories(plan.output());
            Files.writeString(page, RunPage.html(plan.simulation() + " on " + plan.environment().name() + ", run " + runId, run));
            System.out.println("driftgate load: the run's page: " + page.toAbsolutePath());
        } catch (IOException e) {
            System.err.println("driftgate load: could not write " + page + ": " + e.getMessage());
        }
    }

    private Optional<VerdictLine> awaitReady() {
        try {
            await("every generator of run " + runId + " to be ready").atMost(plan.generatorsReadyWithin()).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> channel.ready().size() == count || anyExitedUnready());
        } catch (ConditionTimeoutException e) {
            // said below, generator by generator
        }
        Map<Integer, RunChannel.Ready> ready = channel.ready();
        if (ready.size() == count) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (!ready.containsKey(i)) {
                int index = i;
                missing.add(engine.gone(i).map(how -> "generator " + index + " " + how + " before it was ready")
                        .orElse("generator " + i + " was not ready within " + plan.generatorsReadyWithin().toMillis() / 1000.0 + " s"));
            }
        }
        channel.stop(new RunChannel.Stop("not every generator was ready: " + missing.get(0), Instant.now()));
        engine.close();
        return Optional.of(VerdictLine.of("generators ready").threshold(count + " ready within " + plan.generatorsReadyWithin().toMillis() / 1000.0 + " s")
                .measured(ready.size() + " of " + count).samples(ready.size(), count).window("before the start")
                .inconclusive(String.join("; ", missing) + "; no load was sent, every generator was stopped"));
    }

    private boolean anyExitedUnready() {
        Map<Integer, RunChannel.Ready> ready = channel.ready();
        for (int i = 0; i < count; i++) {
            if (!ready.containsKey(i) && engine.gone(i).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** Each generator's clock against this one's, one probe each, asked of all at once. */
    private Map<Integer, ClockOffset> clocks() {
        Map<Integer, Instant> sent = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            sent.put(i, Instant.now());
            channel.ping(i, sent.get(i));
        }
        Map<Integer, ClockOffset> offsets = new TreeMap<>();
        try {
            await("every generator's clock").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (int i = 0; i < count; i++) {
                    if (!offsets.containsKey(i)) {
                        int index = i;
                        channel.pong(i).ifPresent(p -> offsets.put(index, ClockOffset.of(sent.get(index), p.clock(), Instant.now())));
                    }
                }
                return offsets.size() == count;
            });
        } catch (ConditionTimeoutException e) {
            // A generator that did not answer is named by the merged run's clock line: its offset is unknown.
        }
        return offsets;
    }

    /**
     * One look at the run: merged intervals to the abort rule, generators gone or behind; true once every generator is
     * done or gone. Each generator's done note and interval count are read once per look (the store may be S3).
     */
    private boolean watchOnce() {
        Map<Integer, Optional<RunChannel.Done>> done = new TreeMap<>();
        Map<Integer, Integer> written = new TreeMap<>();
        boolean ended = true;
        for (int i = 0; i < count; i++) {
            done.put(i, channel.done(i));
            written.put(i, channel.intervalCount(i));
            ended &= done.get(i).isPresent() || engine.gone(i).isPresent() && stop.isPresent();
        }
        if (ended) {
            return true;
        }
        while (everyGeneratorWrote(merged, done, written)) {
            Evidence interval = null;
            for (int i = 0; i < count; i++) {
                Optional<Evidence> e = channel.interval(i, merged);
                interval = e.isEmpty() ? interval : interval == null ? e.get() : interval.merge(e.get());
            }
            if (interval != null) {
                abort.observe(merged, interval).ifPresent(this::stopOnce);
            }
            merged++;
        }
        for (int i = 0; i < count; i++) {
            int index = i;
            if (done.get(i).isEmpty()) {
                engine.gone(i).ifPresent(how -> stopOnce("generator " + index + " " + how + " at " + Instant.now() + " before its final evidence"));
                Instant due = start.at().plus(INTERVAL.multipliedBy(written.get(i) + 1L)).plus(LATE);
                if (Instant.now().isAfter(due)) {
                    stopOnce("generator " + i + " wrote no interval " + written.get(i) + " by " + due + ": it is stuck or gone");
                }
            }
        }
        return false;
    }

    /** Interval k is in from every generator that will write it (one that ended with fewer intervals is not waited for), and exists. */
    private boolean everyGeneratorWrote(int k, Map<Integer, Optional<RunChannel.Done>> done, Map<Integer, Integer> written) {
        boolean any = false;
        for (int i = 0; i < count; i++) {
            if (written.get(i) > k) {
                any = true;
                continue;
            }
            Optional<RunChannel.Done> d = done.get(i);
            if (d.isEmpty() || d.get().intervals() > k) {
                return false;
            }
        }
        return any;
    }

    private void stopOnce(String reason) {
        if (stop.isEmpty()) {
            RunChannel.Stop s = new RunChannel.Stop(reason, Instant.now());
            channel.stop(s);
            stop = channel.stop();
            System.out.println("driftgate load: stop: " + reason);
        }
    }

    /** How long the stop took to reach the generators that were still sending, each on the coordinator's clock. */
    private VerdictLine stopLine(RunChannel.Stop s, Map<Integer, ClockOffset> offsets) {
        long slowest = 0;
        List<String> late = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Optional<RunChannel.Done> d = channel.done(i);
            if (d.isPresent() && d.get().obeyedStop()) {
                Instant seen = d.get().stoppedAt().minus(Optional.ofNullable(offsets.get(i)).map(ClockOffset::offset).orElse(Duration.ZERO));
                long ms = Math.max(0, Duration.between(s.at(), seen).toMillis());
                slowest = Math.max(slowest, ms);
                if (ms > STOP_BOUND.toMillis()) {
                    late.add("generator " + i + " after " + ms + " ms");
                }
            }
        }
        VerdictLine.Builder line = VerdictLine.of("stop reached the generators").threshold("within " + STOP_BOUND.toMillis() + " ms")
                .measured(slowest + " ms at the slowest").samples(count, count).window("from " + s.at());
        return late.isEmpty() ? line.pass("every generator still sending obeyed: " + s.reason())
                : line.inconclusive("load went on after the stop: " + String.join(", ", late));
    }
}
