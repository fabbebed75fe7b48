package com.driftsentry.reference.drift;

import com.driftsentry.reference.http.ApiProblem;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset paging over (detectedAt, id), newest first. The cursor is opaque to clients: the last
 * item's position, base64url-encoded. Bad paging parameters are a 400 naming the parameter.
 */
public record Page(int limit, Instant afterDetectedAt, UUID afterId) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    public static Page from(Context ctx) {
        int limit = limit(ctx.queryParam("limit"));
        String cursor = ctx.queryParam("cursor");
        if (cursor == null || cursor.isEmpty()) {
            return new Page(limit, null, null);
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = decoded.split("\\|", 2);
            long micros = Long.parseLong(parts[0]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new Page(limit, at, UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("cursor is not a cursor this API returned (fix: pass nextCursor from the previous page unchanged)");
        }
    }

    public static String cursorAfter(Drift last) {
        Instant at = last.detectedAt();
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000L);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    }

    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the accepted range
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    public boolean hasCursor() {
        return afterId != null;
    }
}
