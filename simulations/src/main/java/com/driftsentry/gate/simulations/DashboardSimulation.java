package com.driftsentry.gate.simulations;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.driftsentry.gate.load.GatedSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;

/** Only the dashboard summary, read-only: the cache under load. Group: dashboard. */
public class DashboardSimulation extends GatedSimulation {
    DriftSentryCalls calls = new DriftSentryCalls(this::call, gate.adminKey());

    ScenarioBuilder viewers = scenario("dashboard viewers").exec(calls.dashboard());

    public DashboardSimulation() {
        super("dashboard");
        setUp(openLoad(viewers, 1.0), earlyAbort()).protocols(protocol()).assertions(assertions());
    }
}
