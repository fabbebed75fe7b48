package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.target.HealthClient;
import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.environment.DeployConfig;
import com.driftsentry.gate.evidence.Percentiles;
import com.driftsentry.gate.verdict.Bound;
import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a user sees during a deploy: from its start until the verdict, the stage's health path is
 * requested every {@code every} (250 ms by default) at the address users use, and each answer's
 * success and latency recorded. Zero-downtime deploys mean the success ratio stays at its bound
 * through the candidate's start, the gates, the switch and any rollback.
 */
public final class AvailabilityProbe implements AutoCloseable {
    // A probe slower than this counts as a failed one: a user would have given up.
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    // The first probe's own request timeout, and a little more.
    private static final Duration FIRST_PROBE = Duration.ofSeconds(3);

    private final Supplier<String> address;
    private final DeployConfig.Availability config;
    private final String environment;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "availability-probe");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Histogram latency = new Histogram(60_000, 3);
    private volatile String lastFailure = "";
    private long started;
    private long stopped;

    /** {@code address}: asked before every probe (a per-task stage's address moves as tasks are replaced). */
    public AvailabilityProbe(Supplier<String> address, DeployConfig.Availability config, String environment) {
        this.address = address;
        this.config = config;
        this.environment = environment;
    }

    public AvailabilityProbe start() {
        started = System.nanoTime();
        timer.scheduleAtFixedRate(this::probe, 0, config.every().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void probe() {
        long t0 = System.nanoTime();
        try {
            String base = address.get();
            if (base == null) {
                record(false, t0, "no address to probe");
                return;
            }
            int status = HealthClient.status(HttpRequest.newBuilder(URI.create(base + config.path())), PROBE_TIMEOUT);
            record(status >= 200 && status < 300, t0, "status " + status);
        } catch (IOException | RuntimeException e) {
            // A probe that cannot even be sent is a failed probe; the timer must not die with it.
            record(false, t0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(boolean success, long t0, String what) {
        synchronized (latency) {
            latency.recordValue(Math.min(60_000, Math.max(0, (System.nanoTime() - t0) / 1_000_000)));
        }
        if (success) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            lastFailure = what;
        }
    }

    /** Stops probing and judges the whole window: the success ratio against {@code minSuccess}; no probe at all is no evidence. */
    public Verdict verdict() {
        awaitFirstProbe();
        close();
        return judge(stopped);
    }

    /**
     * Judges the window so far and keeps probing (the promotion decision; the switch that follows
     * is still watched). A command quicker than the first probe waits for it (as {@link #verdict()} does): the
     * first probe was sent at the start, and no answer yet is not the same as no evidence.
     */
    public Verdict snapshot() {
        awaitFirstProbe();
        return judge(System.nanoTime());
    }

    /** A probe started is waited for (bounded by its own timeout), so a short window is judged on its answer. */
    private void awaitFirstProbe() {
        if (started == 0 || stopped != 0) {
            return;
        }
        try {
            await("the first availability probe").atMost(FIRST_PROBE).pollInterval(Duration.ofMillis(20)).until(() -> ok.get() + failed.get() > 0);
        } catch (ConditionTimeoutException e) {
            // judged as it is: no probe completed is INCONCLUSIVE
        }
    }

    private Verdict judge(long until) {
        long total = ok.get() + failed.get();
        double ratio = total == 0 ? 0 : (double) ok.get() / total;
        long p99;
        synchronized (latency) {
            p99 = Percentiles.of(latency, 99);
        }
        Bound minSuccess = Bound.atLeast(config.minSuccess());
        VerdictLine.Builder line = VerdictLine.of("availability " + config.path())
                .threshold(String.format(Locale.ROOT, "success %s, every %d ms", minSuccess.written(String.format(Locale.ROOT, "%.2f%%", 100 * config.minSuccess())),
                        config.every().toMillis()))
                .measured(String.format(Locale.ROOT, "%.2f%% (%d of %d ok, p99 %d ms)", 100 * ratio, ok.get(), total, p99)).samples(total, 1)
                .window(String.format(Locale.ROOT, "%.1f s from the command's start", (until - started) / 1e9));
        VerdictLine judged = total == 0 ? line.inconclusive("no probe completed") : line.judged(minSuccess, ratio,
                "no downtime beyond the bound", failed.get() + " probes failed (last: " + lastFailure + ")");
        return Verdict.of("availability", environment, "the serving release", config.path(), List.of(judged));
    }

    @Override
    public void close() {
        if (stopped == 0) {
            stopped = System.nanoTime();
            timer.shutdownNow();
            try {
                timer.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
