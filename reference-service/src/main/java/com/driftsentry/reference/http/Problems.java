package com.driftsentry.reference.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into problem+json; unexpected ones are logged with the request id, never shown. */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private final ObjectMapper mapper;

    public Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void register(Javalin app) {
        app.exception(ApiProblem.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            write(ctx, e.status(), e.title(), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> write(ctx, e.getStatus(), titleOf(e.getStatus()), e.getMessage()));
        app.exception(JsonProcessingException.class, (e, ctx) ->
                write(ctx, 400, "Bad Request", "The body is not valid JSON: " + e.getOriginalMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, 500, "Internal Server Error", "The request failed on the server; quote the request id when reporting it.");
        });
        app.error(404, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, 404, "Not Found", "No route " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (!isProblem(ctx)) {
                write(ctx, 405, "Method Not Allowed", ctx.method() + " is not allowed on " + ctx.path());
            }
        });
    }

    public void write(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType(CONTENT_TYPE).result(body(status, title, detail, ctx.path(), RequestContext.requestId(ctx)));
    }

    /** The problem document; {@code instance} and {@code requestId} are left out when null (an answer before any route). */
    public byte[] body(int status, String title, String detail, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(CONTENT_TYPE);
    }

    private static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
