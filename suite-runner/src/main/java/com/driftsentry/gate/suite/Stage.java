package com.driftsentry.gate.suite;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.Masker;
import com.driftsentry.gate.environment.SuiteGateConfig;
import java.util.Optional;

/**
 * The stage a smoke or contract run is aimed at, as its tests see it: where it is, which keys
 * they may use, which version it serves, what they may write, and where they register what they
 * must undo. {@link SuiteRunner} sets it for the duration of one launch.
 */
public final class Stage {
    private static volatile Stage current;

    private final String gate;
    private final Environment environment;
    private final String baseUrl;
    private final String adminKey;
    private final String readerKey;
    private final String version;
    private final String runId;
    private final boolean readOnly;
    private final Cleanup cleanup = new Cleanup();

    public Stage(String gate, Environment environment, String baseUrl, String adminKey, String readerKey, String version, String runId,
                 boolean readOnly) {
        this.gate = gate;
        this.readOnly = readOnly;
        this.environment = environment;
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.readerKey = readerKey;
        this.version = version;
        this.runId = runId;
    }

    /** The stage of the running launch; a suite class run outside {@link SuiteRunner} fails here with the way to run it. */
    public static Stage current() {
        Stage stage = current;
        if (stage == null) {
            throw new IllegalStateException("no stage: run the suites through SuiteRunner (mvn -pl smoke verify, or driftgate gate)");
        }
        return stage;
    }

    static void set(Stage stage) {
        current = stage;
    }

    /** The gate running (smoke, contract): its settings name the read-only switch. */
    public String gate() {
        return gate;
    }

    /** Whether the running gate may write at all ({@code gates.<gate>.readOnly}). */
    public boolean readOnly() {
        return readOnly;
    }

    public boolean embedded() {
        return environment.target().embedded();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The key the environment names (or the embedded admin key); may be a reader key on a remote stage. */
    public Optional<String> apiKey() {
        return Optional.ofNullable(adminKey);
    }

    /** A reader key known in advance (embedded only); remote runs create one when they may write. */
    public Optional<String> readerKey() {
        return Optional.ofNullable(readerKey);
    }

    public String version() {
        return version;
    }

    public Optional<String> expectedVersion() {
        return Optional.ofNullable(environment.target().expectedVersion());
    }

    public SuiteGateConfig.Smoke smoke() {
        return environment.smoke();
    }

    public Optional<SuiteGateConfig.Contract> contract() {
        return environment.contract();
    }

    /** Tags everything a run creates, so that a person (or a later run) can tell smoke data apart. */
    public String runId() {
        return runId;
    }

    public Cleanup cleanup() {
        return cleanup;
    }

    public Masker masker() {
        return environment.masker();
    }
}
