package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.GateSection;
import java.nio.file.Path;

/**
 * A gate an environment turns on with a section of its own, {@code gates.<key>} (one small interface per kind of
 * thing, as Flagger's providers are). A kind is registered once, in {@code StageGates.KINDS}; the stage runner runs
 * it after the contract gate and before the load, and {@code --dry-run} lists it.
 */
public interface GateKind {
    /** Its key under {@code gates:} in an environment file (and in environments/schema.json). */
    String key();

    /** The gate for a release answering at {@code at}; {@code aimed} is the environment aimed at it, {@code output} the run's folder. */
    Gate gate(GateSection section, Environment aimed, Platform.Endpoint at, Path output);

    /** What it would check, one line for {@code --dry-run}. */
    String plan(GateSection section);

    /** Refuses a bad section with a {@link com.driftsentry.gate.environment.ConfigError} (exit 3): asked when a command starts, before anything changes. */
    default void check(GateSection section) {
        plan(section);
    }
}
