package com.driftsentry.gate.environment;

import java.util.Optional;

/** A validated environment file with its secrets resolved (and registered for masking). */
public record Environment(String name, String file, Target target, Optional<String> platformType, Optional<LoadGateConfig> load,
                          SuiteGateConfig.Smoke smoke, Optional<SuiteGateConfig.Contract> contract, Masker masker) {

    /** Where the traffic goes. {@code embedded} means: start the reference service on this machine. */
    public record Target(String baseUrl, boolean embedded, String apiKey, int seed, String expectedVersion) {
        @Override
        public String toString() {
            return "Target[" + (embedded ? "embedded" : baseUrl) + ", apiKey=" + (apiKey == null ? "none" : Masker.MASK) + "]";
        }
    }

    public SuiteGateConfig.Contract requireContract() {
        return contract.orElseThrow(() -> ConfigError.at(file, "gates.contract", "is missing (fix: add contract: { spec: contract-tests/src/main/resources/openapi/driftsentry.yaml })"));
    }

    public LoadGateConfig requireLoad() {
        return load.orElseThrow(() -> ConfigError.at(file, "gates.load", "is missing (fix: add a load gate with simulation, profile and thresholds)"));
    }
}
