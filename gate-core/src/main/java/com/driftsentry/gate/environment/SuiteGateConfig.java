package com.driftsentry.gate.environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The smoke and contract gates of an environment file ({@code gates.smoke}, {@code gates.contract}). */
public final class SuiteGateConfig {
    private SuiteGateConfig() {
    }

    /**
     * {@code tags}: the suites to run, every suite when empty (the suites and their names belong to
     * the smoke module; the environment schema lists the names a file may use). {@code readOnly}: skip every test that writes.
     * {@code tenant}: the id of the dedicated smoke tenant; outside the embedded default, writes
     * happen only when the smoke key is proven to belong to it. {@code allowedOrigin}: an origin
     * the stage's CORS allow-list accepts.
     */
    public record Smoke(List<String> tags, boolean readOnly, Optional<String> tenant, Optional<String> allowedOrigin) {
    }

    /** {@code spec}: the OpenAPI document; {@code generatedRequests}: the bound of the generated-input run. */
    public record Contract(Path spec, int generatedRequests, boolean readOnly) {
        public static final int DEFAULT_GENERATED_REQUESTS = 400;
    }
}
