package com.driftsentry.gate.target;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What a release says of itself: {@code /health/live} (that it answers, and the version it runs) and
 * {@code /health/ready} (that it can serve). One look, or a wait until it is ready: the load gate before any
 * load, a platform before a release counts as stable, the version gate before a release counts as serving.
 */
public final class Health {
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    private static final String INTERRUPTED = "interrupted";
    // Four looks a second: a release that turns ready is seen within a quarter second without being loaded.
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int SHOWN_CHARS = 120;

    /** What {@code /health/live} answered: its status, and the version it named (only a 200 with a version names one). */
    public record Live(int status, Optional<String> version) {
        /** Whether the release answered 200 with exactly this version. */
        public boolean reports(String expected) {
            return status == 200 && version.filter(expected::equals).isPresent();
        }

        @Override
        public String toString() {
            return status == 200 ? "version " + version.orElse("none") : "status " + status;
        }
    }

    /** What {@code /health/ready} answered: whether it was 200, and what it said (status and the start of the body, or why there was no answer). */
    public record Ready(boolean ready, String said) {
    }

    private Health() {
    }

    /** One request to {@code /health/live}. */
    public static Live live(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HealthClient.get(baseUrl + LIVE);
        if (response.statusCode() != 200) {
            return new Live(response.statusCode(), Optional.empty());
        }
        Optional<JsonNode> body;
        try {
            body = Optional.of(Json.MAPPER.readTree(response.body()));
        } catch (IOException e) {
            body = Optional.empty();
        }
        return new Live(200, body.map(b -> b.path("version")).filter(JsonNode::isTextual).map(JsonNode::asText));
    }

    /**
     * Asks {@code /health/live} once and returns the version it reports ("unknown" when it names none). A target that
     * does not answer at all is bad input, found in seconds instead of a run full of timeouts.
     */
    public static String requireVersion(String file, String baseUrl) {
        if (baseUrl == null) {
            throw ConfigError.at(file, "target.baseUrl", "'task' has no fixed address to gate (fix: run it through driftgate, which finds"
                    + " the task's address, or pass -Dgate.baseUrl)");
        }
        String url = baseUrl + LIVE;
        try {
            return live(baseUrl).version().orElse("unknown");
        } catch (IOException e) {
            throw new TargetUnreachable(file + ": target.baseUrl: " + url + " does not answer (" + e.getClass().getSimpleName()
                    + ") (fix: check the URL, or that the stage is up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigError("interrupted while reaching " + url);
        }
    }

    /** One look at {@code /health/ready}. */
    public static Ready ready(String baseUrl) {
        try {
            HttpResponse<String> r = HealthClient.get(baseUrl + READY);
            String body = r.body().replaceAll("\\s+", " ");
            return new Ready(r.statusCode() == 200, r.statusCode() + " " + (body.length() > SHOWN_CHARS ? body.substring(0, SHOWN_CHARS) + "…" : body));
        } catch (IOException e) {
            return new Ready(false, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Ready(false, INTERRUPTED);
        }
    }

    /** Asks until the answer is ready, {@code stop} says there is no point (a process that exited), or {@code timeout} passes; returns the last answer. */
    public static Ready untilReady(String baseUrl, Duration timeout, BooleanSupplier stop) {
        AtomicReference<Ready> last = new AtomicReference<>(new Ready(false, "no answer"));
        try {
            await("the release to be ready").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL)
                    .until(() -> stop.getAsBoolean() || last.updateAndGet(previous -> {
                        // The ask cut short by the timeout says nothing about the target: the answer before it does.
                        Ready now = ready(baseUrl);
                        return now.said().equals(INTERRUPTED) ? previous : now;
                    }).ready());
        } catch (ConditionTimeoutException e) {
            // not ready in time: the last answer says what it was
        }
        return last.get();
    }
}
