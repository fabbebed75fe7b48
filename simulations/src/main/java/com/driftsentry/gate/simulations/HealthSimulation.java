package com.driftsentry.gate.simulations;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.driftsentry.gate.load.GatedSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/** Health endpoints only: safe against production. Group: health. */
public class HealthSimulation extends GatedSimulation {
    ChainBuilder live = call("health", request -> request.get("/health/live"));
    ChainBuilder ready = call("health", request -> request.get("/health/ready"));

    ScenarioBuilder probes = scenario("health probes").exec(live, ready);

    public HealthSimulation() {
        super("health");
        setUp(openLoad(probes, 1.0), earlyAbort()).protocols(protocol()).assertions(assertions());
    }
}
