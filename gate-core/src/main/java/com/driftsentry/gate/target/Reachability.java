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

/**
 * One look at {@code /health/live}: what version a release reports. A target that does not answer
 * at all is bad input, found in seconds instead of a run full of timeouts.
 */
public final class Reachability {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

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
            String seen = probe(baseUrl);
            return seen.startsWith("version ") ? seen.substring("version ".length()) : "unknown";
        } catch (IOException e) {
            throw ConfigError.at(file, "target.baseUrl", url + " does not answer (" + e.getClass().getSimpleName()
                    + ") (fix: check the URL, or that the stage is up)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigError("interrupted while reaching " + url);
        }
    }

    /** One request: "version X" (X "none" when the answer names no version), or "status N" for anything but 200. */
    public static String probe(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/live")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        JsonNode body = parse(response.body());
        return "version " + (body != null && body.path("version").isTextual() ? body.get("version").asText() : "none");
    }

    private static JsonNode parse(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
