package com.driftsentry.gate.load;

import static org.awaitility.Awaitility.await;

import com.driftsentry.gate.verdict.VerdictLine;
import com.driftsentry.reference.embedded.EmbeddedTarget;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The target's own health around a load run, as verdict lines: ready ({@code /health/ready} 200)
 * before any load is sent and still ready after it, and, for a target this run started, whether
 * its process exited on its own during the run (a crash reads as an error rate otherwise).
 */
final class TargetHealth {
    static final String READY_PATH = "/health/ready";
    // A release that is up turns ready within seconds of reaching its stores; half a minute covers a cold pool.
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;

    TargetHealth(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Waits until the target is ready; the line says what it answered. FAIL when it never turned ready. */
    VerdictLine readyBefore(Duration timeout) {
        long started = System.nanoTime();
        AtomicReference<String> last = new AtomicReference<>("no answer");
        boolean ready;
        try {
            await("the target to be ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                    .until(() -> answer(last));
            ready = true;
        } catch (ConditionTimeoutException e) {
            ready = false;
        }
        return line("target ready before the load", last.get(), String.format(Locale.ROOT, "%.1f s before the load", (System.nanoTime() - started) / 1e9))
                .judged(ready, "ready", "not ready within " + timeout.toSeconds() + " s, so no load was sent (last " + READY_PATH + ": " + last.get() + ")");
    }

    /** One look after the load: a target that cannot serve after the run did not hold it. */
    VerdictLine readyAfter() {
        AtomicReference<String> last = new AtomicReference<>("no answer");
        boolean ready = answer(last);
        return line("target ready after the load", last.get(), "after the load")
                .judged(ready, "still ready", "not ready after the load (" + READY_PATH + ": " + last.get() + ")");
    }

    /** A target this run started that exited on its own while it was being loaded. */
    static Optional<VerdictLine> exitedDuringRun(EmbeddedTarget target, Instant loadStarted) {
        return target.exit().map(exit -> VerdictLine.of("target kept running").threshold("the target process runs until the run ends")
                .measured(String.format(Locale.ROOT, "exited with %d at %sZ, %.1f s into the load", exit.code(), CLOCK.format(exit.at()),
                        Duration.between(loadStarted, exit.at()).toMillis() / 1000.0))
                .samples(1, 1).window("the run")
                .fail("the target process exited with " + exit.code() + " during the run: the errors after that are its absence"));
    }

    private static VerdictLine.Builder line(String criterion, String answer, String window) {
        return VerdictLine.of(criterion).threshold(READY_PATH + " answers 200").measured(answer).samples(1, 1).window(window);
    }

    private boolean answer(AtomicReference<String> last) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + READY_PATH)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = r.body().replaceAll("\\s+", " ");
            last.set(r.statusCode() + " " + (body.length() > 120 ? body.substring(0, 120) + "…" : body));
            return r.statusCode() == 200;
        } catch (IOException e) {
            last.set(e.getClass().getSimpleName());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last.set("interrupted");
            return false;
        }
    }
}
