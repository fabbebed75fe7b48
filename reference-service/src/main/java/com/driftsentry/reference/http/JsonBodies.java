package com.driftsentry.reference.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/** Reads request bodies within the size limit, and path ids, as 4xx problems when they are bad. */
public final class JsonBodies {
    private final ObjectMapper mapper;
    private final int maxBytes;

    public JsonBodies(ObjectMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    public JsonNode read(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiProblem(415, "Unsupported Media Type", "Send the body as application/json");
        }
        byte[] bytes = limited(ctx);
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("The body is empty; send a JSON object");
        }
        try {
            return mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.badRequest("The body could not be read");
        }
    }

    /** Refuses an oversized body by its declared length, and a chunked one as soon as it passes the limit. */
    private byte[] limited(Context ctx) {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiProblem.badRequest("The body could not be read");
        }
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "Payload Too Large", "The body is larger than " + maxBytes + " bytes");
    }

    public static UUID id(Context ctx, String param, String what) {
        String raw = ctx.pathParam(param);
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("No " + what + " " + (raw.length() > 64 ? raw.substring(0, 64) : raw));
        }
    }
}
