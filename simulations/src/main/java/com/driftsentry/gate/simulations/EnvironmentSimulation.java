package com.driftsentry.gate.simulations;

import com.driftsentry.gate.load.EnvironmentSimulations;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.scenario.SimulationParams;
import io.gatling.javaapi.core.Simulation;

/**
 * What {@code mvn gatling:test} runs unless {@code -Dgate.simulationClass} says otherwise: the simulation the environment
 * ({@code -Denv}) is gated by, so that naming the environment is enough. Gatling asks this class for the run's
 * scenarios, hooks and assertions, and each answer is the named simulation's own.
 */
public class EnvironmentSimulation extends Simulation {
    private final Simulation named = EnvironmentSimulations.named();

    @Override
    public SimulationParams params(GatlingConfiguration configuration, String name) {
        return named.params(configuration, name);
    }

    @Override
    public void before() {
        named.before();
    }

    @Override
    public void after() {
        named.after();
    }
}
