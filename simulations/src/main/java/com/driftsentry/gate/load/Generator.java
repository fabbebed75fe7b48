package com.driftsentry.gate.load;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.scaleout.RunChannel;
import com.driftsentry.gate.store.StageStore;
import com.driftsentry.gate.store.StageStores;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This JVM as generator i of n of a scaled-out run ({@code -Dgate.generator.index}, {@code -Dgate.generator.count},
 * {@code -Dgate.run}): it says it is ready, answers the coordinator's clock probe, waits for the one start time, writes
 * its evidence every interval, obeys the coordinator's stop within {@link #STOP_POLL} plus one store read, and at the
 * end writes its whole evidence. It judges nothing: the verdict is the coordinator's, on every generator's merged evidence.
 */
final class Generator implements AutoCloseable {
    static final Duration STOP_POLL = Duration.ofMillis(250);
    /** A coordinator that has not started the run by then is gone: the generator ends without sending load. */
    static final Duration START_DEADLINE = Duration.ofMinutes(3);

    /** Which generator this JVM is, of how many, in which run. */
    record Role(int index, int count, String runId) {
        static Optional<Role> fromSystem() {
            String index = System.getProperty("gate.generator.index");
            if (index == null) {
                return Optional.empty();
            }
            int i = number("-Dgate.generator.index", index);
            int n = number("-Dgate.generator.count", System.getProperty("gate.generator.count", ""));
            String run = System.getProperty("gate.run", "");
            if (i < 0 || i >= n || !run.matches("[A-Za-z0-9-]{1,64}")) {
                throw new ConfigError("-Dgate.generator.index " + index + ", -Dgate.generator.count " + n + ", -Dgate.run '" + run
                        + "' do not name a generator of a run (fix: an index from 0 to count - 1, and the coordinator's run id)");
            }
            return Optional.of(new Role(i, n, run));
        }

        private static int number(String name, String text) {
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new ConfigError(name + ": " + ConfigError.quote(text) + " is not a number (fix: the coordinator sets it)");
            }
        }
    }

    private final Role role;
    private final StageStore store;
    private final RunChannel channel;
    private final LoadRecording recording;
    private final String simulation;
    private final String environment;
    private ScheduledExecutorService ticker;
    private int written;
    private volatile Instant stopSeen;

    private Generator(Role role, StageStore store, LoadRecording recording, String simulation, String environment) {
        this.role = role;
        this.store = store;
        this.channel = new RunChannel(store, role.runId());
        this.recording = recording;
        this.simulation = simulation;
        this.environment = environment;
    }

    static Generator join(Role role, LoadPlan plan, LoadRecording recording) {
        return new Generator(role, StageStores.open(plan.environment().deploy().state()), recording, plan.simulation(),
                plan.environment().name());
    }

    Role role() {
        return role;
    }

    /**
     * Ready, the clock answer, then the start, which it waits for until its own clock reaches it. A stop instead of a
     * start (a generator that never came up) ends this JVM at once with no load sent.
     */
    void awaitStart() {
        channel.ready(new RunChannel.Ready(role.index(), host(), ProcessHandle.current().pid(), Instant.now()));
        await("the start of run " + role.runId()).atMost(START_DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    answerClockProbe();
                    return channel.start().isPresent() || channel.stop().isPresent();
                });
        if (channel.stop().isPresent()) {
            System.out.println("driftgate generator " + role.index() + ": stopped before the start: " + channel.stop().get().reason());
            channel.finished(role.index(), recording.evidence(simulation, environment, null), new RunChannel.Done(role.index(), Instant.now(), true, 0));
            VerdictExit.now(com.driftsentry.gate.verdict.Outcome.INCONCLUSIVE);
        }
        RunChannel.Start start = channel.start().orElseThrow();
        Duration until = Duration.between(Instant.now(), start.at());
        if (!until.isNegative()) {
            await("the start time " + start.at()).atMost(until.plusSeconds(1)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> !Instant.now().isBefore(start.at()));
        }
        ticker = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "generator-ticker");
            t.setDaemon(true);
            return t;
        });
        long period = start.interval().toMillis();
        long first = Math.max(0, Duration.between(Instant.now(), start.at().plus(start.interval())).toMillis());
        ticker.scheduleAtFixedRate(this::writeInterval, first, period, TimeUnit.MILLISECONDS);
        ticker.scheduleWithFixedDelay(this::watchStop, 0, STOP_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void answerClockProbe() {
        channel.pinged(role.index()).filter(sent -> channel.pong(role.index()).isEmpty())
                .ifPresent(sent -> channel.pong(role.index(), new RunChannel.Pong(sent, Instant.now())));
    }

    private synchronized void writeInterval() {
        channel.interval(role.index(), written++, recording.interval(simulation, environment));
    }

    private void watchStop() {
        if (stopSeen == null) {
            channel.stop().ifPresent(stop -> {
                stopSeen = Instant.now();
                recording.stop(stop.reason());
            });
        }
    }

    /** The last (partial) interval and the whole run's evidence, then the note that this generator is done. */
    void finish(Evidence whole) {
        if (ticker != null) {
            ticker.shutdown();
            try {
                ticker.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeInterval();
        channel.finished(role.index(), whole, new RunChannel.Done(role.index(), stopSeen != null ? stopSeen : Instant.now(), stopSeen != null, written));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
