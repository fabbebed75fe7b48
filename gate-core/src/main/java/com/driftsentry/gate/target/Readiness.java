package com.driftsentry.gate.target;

import static com.driftsentry.gate.waiting.Waits.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code /health/ready}: whether a release can serve, and what it said. One look, or a wait until
 * it is ready (the load gate before any load, the embedded platform before a release counts as
 * stable).
 */
public final class Readiness {
    public static final String PATH = "/health/ready";
    private static final String INTERRUPTED = "interrupted";
    // Four looks a second: a release that turns ready is seen within a quarter second without being loaded.
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int SHOWN_CHARS = 120;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Whether it answered 200, and what it answered (status and the start of the body, or why there was no answer). */
    public record Answer(boolean ready, String said) {
    }

    private Readiness() {
    }

    public static Answer ask(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + PATH)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = r.body().replaceAll("\\s+", " ");
            return new Answer(r.statusCode() == 200, r.statusCode() + " " + (body.length() > SHOWN_CHARS ? body.substring(0, SHOWN_CHARS) + "…" : body));
        } catch (IOException e) {
            return new Answer(false, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, INTERRUPTED);
        }
    }

    /** Asks until the answer is ready, {@code stop} says there is no point (a process that exited), or {@code timeout} passes; returns the last answer. */
    public static Answer untilReady(String baseUrl, Duration timeout, BooleanSupplier stop) {
        AtomicReference<Answer> last = new AtomicReference<>(new Answer(false, "no answer"));
        try {
            await("the release to be ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> stop.getAsBoolean() || last.updateAndGet(previous -> {
                        // The ask cut short by the timeout says nothing about the target: the answer before it does.
                        Answer now = ask(baseUrl);
                        return now.said().equals(INTERRUPTED) ? previous : now;
                    }).ready());
        } catch (ConditionTimeoutException e) {
            // not ready in time: the last answer says what it was
        }
        return last.get();
    }
}
