package com.driftsentry.gate.simulations;

import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.driftsentry.gate.load.GatedSimulation;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * A realistic DriftSentry day: people mostly look at the dashboard and browse drifts; a detector
 * reports a drift now and then and someone acknowledges it. Groups: drifts, dashboard, writes.
 */
public class ApiMixSimulation extends GatedSimulation {
    static final double WRITERS = 0.04;

    DriftSentryCalls calls = new DriftSentryCalls(this::call, gate.adminKey());

    ChainBuilder browse = calls.browse();
    ChainBuilder open = calls.open();
    ChainBuilder dashboard = calls.dashboard();
    ChainBuilder report = calls.reportAndAcknowledge();

    ScenarioBuilder readers = scenario("readers").exec(randomSwitch().on(
            percent(60).then(dashboard),
            percent(25).then(browse),
            percent(15).then(open)));
    ScenarioBuilder writers = scenario("writers").exec(report);

    public ApiMixSimulation() {
        super("drifts", "dashboard", "writes");
        setUp(openLoad(readers, 1 - WRITERS), openLoad(writers, WRITERS), earlyAbort())
                .protocols(protocol())
                .assertions(assertions());
    }
}
