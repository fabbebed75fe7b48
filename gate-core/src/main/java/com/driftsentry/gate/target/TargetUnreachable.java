package com.driftsentry.gate.target;

import com.driftsentry.gate.environment.ConfigError;

/**
 * The target does not answer at all. Before a gate starts that is bad input (a wrong URL, a stage
 * that is down: exit 3 in seconds); for a release the driver just deployed and verified, it means
 * the release stopped answering, which is a failure of that release.
 */
public final class TargetUnreachable extends ConfigError {
    public TargetUnreachable(String message) {
        super(message);
    }
}
