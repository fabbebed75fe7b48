package com.driftsentry.gate.store;

import com.driftsentry.gate.environment.DeployConfig;

/** The store an environment's {@code state:} names. */
public final class StageStores {
    private StageStores() {
    }

    public static StageStore open(DeployConfig.State state) {
        return state.checked().s3() ? S3Store.open(state) : new FileStore(state.path());
    }
}
