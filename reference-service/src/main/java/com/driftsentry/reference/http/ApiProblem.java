package com.driftsentry.reference.http;

import java.util.Map;

/**
 * A failure the client should see as {@code application/problem+json} (RFC 7807). Thrown from any
 * handler; {@link Problems} renders it with the request id and nothing of the server's internals.
 */
public class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final Map<String, String> headers;

    public ApiProblem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ApiProblem(int status, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "Forbidden", detail);
    }

    public static ApiProblem unauthorized(String detail) {
        return new ApiProblem(401, "Unauthorized", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
