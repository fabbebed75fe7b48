package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.SecretResolver;
import io.gatling.javaapi.core.Simulation;
import java.lang.reflect.InvocationTargetException;

/** Which simulation an environment is gated by, made: what lets {@code -Denv=X} alone choose the run. */
public final class EnvironmentSimulations {
    private EnvironmentSimulations() {
    }

    /**
     * The simulation {@code -Denv} (default local) names in {@code gates.load.simulation} (or {@code -Dgate.simulation}),
     * found without resolving a secret or calling AWS (the simulation itself then does, once). Bad input ends the JVM with exit 3.
     */
    public static Simulation named() {
        Class<?> named = VerdictExit.orBadInput(() -> {
            Environment env = EnvironmentLoader.fromSystem(SecretResolver::unread).load(System.getProperty("env", "local"));
            String simulation = env.requireLoad().simulation();
            try {
                Class<?> found = Class.forName(GatlingJvm.SIMULATIONS + simulation);
                if (Simulation.class.isAssignableFrom(found) && !found.getName().equals(GatlingJvm.SIMULATIONS + "EnvironmentSimulation")) {
                    return found;
                }
            } catch (ClassNotFoundException e) {
                // said below
            }
            throw ConfigError.at(env.file(), "gates.load.simulation", ConfigError.quote(simulation) + " is not one of this repository's "
                    + "simulations (fix: ApiMixSimulation, HealthSimulation, DashboardSimulation, StressSimulation or SoakSimulation)");
        });
        try {
            return (Simulation) named.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(named + " cannot be made", e);
        }
    }
}
