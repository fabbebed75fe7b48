package com.driftsentry.gate.simulations;

import static io.gatling.javaapi.core.CoreDsl.incrementUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import com.driftsentry.gate.load.GatedSimulation;
import com.driftsentry.gate.load.StressLevels;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;

/**
 * Read traffic in rising levels until a global threshold breaks; reports the highest rate that
 * still passed (the knee) and passes when the knee is at or above the environment's peak rate.
 * Tune with {@code -Dgate.stress.levels} (default 6) and {@code -Dgate.stress.levelSeconds} (default 10).
 * Groups: drifts, dashboard.
 */
public class StressSimulation extends GatedSimulation {
    static final int LEVELS = Integer.getInteger("gate.stress.levels", 6);
    static final Duration LEVEL = Duration.ofSeconds(Integer.getInteger("gate.stress.levelSeconds", 10));

    DriftSentryCalls calls = new DriftSentryCalls(this::call, gate.adminKey());
    StressLevels levels = new StressLevels(gate, gate.load().profile().rampToPerSecond() / 2, LEVEL);

    ScenarioBuilder readers = scenario("rising readers").exec(randomSwitch().on(
            percent(60).then(calls.dashboard()),
            percent(40).then(calls.browse())));

    public StressSimulation() {
        super("drifts", "dashboard");
        setUp(readers.injectOpen(incrementUsersPerSec(levels.step())
                        .times(LEVELS)
                        .eachLevelLasting(LEVEL)
                        .startingFrom(levels.step())), earlyAbort(LEVEL.multipliedBy(LEVELS)))
                .protocols(protocol());
    }
}
