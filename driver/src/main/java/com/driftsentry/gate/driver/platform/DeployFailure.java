package com.driftsentry.gate.driver.platform;

/** The platform could not do what was asked: the candidate did not become stable, or a rollback did not complete. */
public final class DeployFailure extends Exception {
    public DeployFailure(String message) {
        super(message, null, false, false);
    }
}
