package com.driftsentry.gate.target;

import com.driftsentry.gate.environment.ConfigError;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One look at {@code /health/live}: what version a release reports. A target that does not answer
 * at all is bad input, found in seconds instead of a run full of timeouts.
 */
public final class Reachability {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code /health/live} answered: its status, and the version it named (only a 200 with a version names one). */
    public record Answer(int status, Optional<String> version) {
        /** Whether the release answered 200 with exactly this version. */
        public boolean reports(String expected) {
            return status == 200 && version.filter(expected::equals).isPresent();
        }

        @Override
        public String toString() {
            return status == 200 ? "version " + version.orElse("none") : "status " + status;
        }
    }

    private Reachability() {
    }

    /** Asks {@code /health/live} once and returns the version it reports ("unknown" when it names none). */
    public static String requireVersion(String file, String baseUrl) {
        if (baseUrl == null) {
            throw ConfigError.at(file, "target.baseUrl", "'task' has no fixed address to gate (fix: run it through driftgate, which finds"
                    + " the task's address, or pass -Dgate.baseUrl)");
        }
        String url = baseUrl + "/health/live";
        try {
            return probe(baseUrl).version().orElse("unknown");
        } catch (IOException e) {
            throw new TargetUnreachable(file + ": target.baseUrl: " + url + " does not answer (" + e.getClass().getSimpleName()
                    + ") (fix: check the URL, or that the stage is up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigError("interrupted while reaching " + url);
        }
    }

    /** One request to {@code /health/live}. */
    public static Answer probe(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/live")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return new Answer(response.statusCode(), Optional.empty());
        }
        JsonNode body = parse(response.body());
        return new Answer(200, Optional.ofNullable(body).map(b -> b.path("version")).filter(JsonNode::isTextual).map(JsonNode::asText));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
