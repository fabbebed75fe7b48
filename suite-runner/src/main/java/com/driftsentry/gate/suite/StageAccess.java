package com.driftsentry.gate.suite;

import io.restassured.response.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Which keys the suites hold and whether they may write. Writing needs: no readOnly, an
 * admin key, and outside the embedded default a smoke key proven (by the tenant id the stage
 * reports for it) to belong to the dedicated smoke tenant. A test that may not write is skipped
 * with the reason; a key in the wrong tenant fails loudly, because it means a misconfiguration
 * that would have written into a customer's tenant.
 */
public final class StageAccess {
    private static final StageHttp HTTP = new StageHttp();
    private static final Map<String, String> WRITE_DECISIONS = new ConcurrentHashMap<>();
    private static final Map<String, String> READER_KEYS = new ConcurrentHashMap<>();
    private static final String ALLOWED = "";

    private StageAccess() {
    }

    /** The environment's key; skips the test with the reason when there is none. */
    public static String key() {
        return Stage.current().apiKey().orElseThrow(() -> new TestAbortedException("target.apiKey is not set, so authenticated checks are skipped"));
    }

    /** Skips the calling test unless this run may write; fails it when the key is in the wrong tenant. */
    public static String requireWrites() {
        Stage stage = Stage.current();
        if (stage.readOnly()) {
            throw new TestAbortedException("readOnly: the environment's gates." + stage.gate() + ".readOnly skips every test that writes");
        }
        String key = key();
        String decision = WRITE_DECISIONS.computeIfAbsent(stage.runId(), id -> decide(stage, key));
        if (decision.startsWith("FAIL ")) {
            throw new AssertionFailedError(decision.substring(5));
        }
        if (!decision.equals(ALLOWED)) {
            throw new TestAbortedException(decision);
        }
        return key;
    }

    /** A reader key: the embedded one, or one created for this run (named after it, revoked at the end). */
    public static String readerKey() {
        Optional<String> known = Stage.current().readerKey();
        if (known.isPresent()) {
            return known.get();
        }
        String admin = requireWrites();
        Stage stage = Stage.current();
        return READER_KEYS.computeIfAbsent(stage.runId(), run -> {
            var created = HTTP.as(admin).contentType("application/json")
                    .body(Map.of("name", run + "-reader", "role", "reader")).post("/api/v1/keys");
            if (created.statusCode() != 201) {
                throw new AssertionFailedError("could not create a reader key: POST /api/v1/keys answered " + created.statusCode());
            }
            JsonBody body = JsonBody.of(created);
            String id = body.text("id");
            stage.cleanup().register("revoke reader key " + run + "-reader", () -> {
                int status = HTTP.as(admin).delete("/api/v1/keys/" + id).statusCode();
                if (status != 204 && status != 404) {
                    throw new IllegalStateException("DELETE /api/v1/keys/" + id + " answered " + status);
                }
            });
            return stage.masker().register(body.text("key"));
        });
    }

    /**
     * A check that needs an unknown or not yet verified key to be judged cannot run while this
     * address is throttled for failed authentications (a ratelimit check minutes ago, by this gate
     * or another): the 429 is then the stage working as it should, so the check is skipped, naming
     * the wait, instead of failing a good build.
     */
    public static Response unlessThrottled(Response r, String check) {
        if (r.statusCode() == 429 && String.valueOf(r.contentType()).contains("json")
                && String.valueOf(JsonBody.of(r).text("detail")).contains("failed authentications")) {
            throw new TestAbortedException(check + " cannot be observed: this address is throttled after failed authentications"
                    + " (a ratelimit check in the last minute); retry after " + r.header("Retry-After") + " s");
        }
        return r;
    }

    private static String decide(Stage stage, String key) {
        int keys = HTTP.as(key).get("/api/v1/keys").statusCode();
        if (keys == 403) {
            return "the smoke key is a reader key; tests that write need an admin key in the smoke tenant";
        }
        if (keys != 200) {
            return "FAIL could not learn the smoke key's role: GET /api/v1/keys answered " + keys;
        }
        if (stage.embedded()) {
            return ALLOWED;
        }
        Optional<String> tenant = stage.smoke().tenant();
        if (tenant.isEmpty()) {
            return "gates.smoke.tenant is not set: outside the embedded default, writes happen only in a dedicated smoke tenant"
                    + " (fix: set it to the smoke tenant's id)";
        }
        String actual = JsonBody.of(HTTP.as(key).get("/api/v1/dashboard/summary")).text("tenantId");
        if (!tenant.get().equals(actual)) {
            return "FAIL the smoke key belongs to tenant " + actual + ", not the smoke tenant " + tenant.get()
                    + ": refusing to write (fix: use a key of the smoke tenant)";
        }
        return ALLOWED;
    }
}
