package com.driftsentry.gate.environment;

import java.util.List;
import java.util.Optional;

/** A validated environment file with its secrets resolved (and registered for masking). */
public record Environment(String name, String file, Target target, DeployConfig deploy, Optional<LoadGateConfig> load,
                          SuiteGateConfig.Smoke smoke, Optional<SuiteGateConfig.Contract> contract, Optional<BrowserGateConfig> browser,
                          GateSection.All sections, Masker masker) {

    /** Where the traffic goes. {@code embedded} means: start the reference service on this machine. */
    public record Target(String baseUrl, boolean embedded, String apiKey, int seed, String expectedVersion) {
        @Override
        public String toString() {
            return "Target[" + (embedded ? "embedded" : baseUrl) + ", apiKey=" + (apiKey == null ? "none" : Masker.MASK) + "]";
        }
    }

    /**
     * The same environment aimed at one release (a candidate on its own address): the gates then
     * treat it as a remote stage. {@code smokeTenant} replaces the file's when the platform knows it
     * (the embedded platform seeds each release's own tenant).
     */
    public Environment aimedAt(String baseUrl, String apiKey, String expectedVersion, Optional<String> smokeTenant) {
        SuiteGateConfig.Smoke s = new SuiteGateConfig.Smoke(smoke.tags(), smoke.readOnly(), smokeTenant.or(smoke::tenant), smoke.allowedOrigin());
        return new Environment(name, file, new Target(baseUrl, false, masker.register(apiKey), target.seed(), expectedVersion), deploy, load,
                s, contract, browser, sections, masker);
    }

    /** The same environment with only these smoke suites (a driver runs one suite apart, after the others). */
    public Environment withSmokeTags(List<String> tags) {
        return new Environment(name, file, target, deploy, load, new SuiteGateConfig.Smoke(List.copyOf(tags), smoke.readOnly(),
                smoke.tenant(), smoke.allowedOrigin()), contract, browser, sections, masker);
    }

    public SuiteGateConfig.Contract requireContract() {
        return contract.orElseThrow(() -> ConfigError.at(file, "gates.contract", "is missing (fix: add contract: { spec: contract-tests/src/main/resources/openapi/driftsentry.yaml })"));
    }

    public LoadGateConfig requireLoad() {
        return load.orElseThrow(() -> ConfigError.at(file, "gates.load", "is missing (fix: add a load gate with simulation, profile and thresholds)"));
    }
}
