package com.driftsentry.gate.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The one HTTP client of the gate's own requests (a release's health, readiness and version, the availability probe,
 * the browser gate's API check, a webhook): one connect timeout and one request timeout, set here. A caller that
 * measures with a shorter deadline (the availability probe) says so per request.
 */
public final class HealthClient {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    private HealthClient() {
    }

    /** A GET of {@code url} within {@link #REQUEST_TIMEOUT}. */
    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)));
    }

    /** {@code request} within {@link #REQUEST_TIMEOUT} (headers, method and body are the caller's). */
    public static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return send(request, REQUEST_TIMEOUT);
    }

    /** Only the status of {@code request} within {@code timeout}, the body discarded (the availability probe, four times a second). */
    public static int status(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code request} within {@code timeout}: for a caller whose deadline is part of what it measures. */
    public static HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }
}
