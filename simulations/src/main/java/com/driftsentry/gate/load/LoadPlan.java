package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.EnvironmentLoader;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.environment.PlatformSettings;
import com.driftsentry.gate.environment.Quantities;
import com.driftsentry.gate.environment.Threshold;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one load run is, checked before anything starts: the environment ({@code -Denv}, default
 * {@code local}), its load gate as it applies to this simulation's request groups, and the folder
 * the evidence and reports go to. Bad input is a {@link ConfigError}, never a half-started run.
 */
record LoadPlan(String simulation, Set<String> groups, Environment environment, LoadGateConfig load, Path output, Duration readyTimeout,
                Duration generatorsReadyWithin) {
    /** How long a scaled-out run's generators may take to start before the run ends without load (-Dgate.generators.readyWithin). */
    static final Duration GENERATORS_READY_WITHIN = Duration.ofMinutes(2);


    static LoadPlan read(String simulation, Set<String> groups) {
        Environment env = EnvironmentLoader.fromSystem().load(System.getProperty("env", "local"));
        LoadGateConfig load = env.requireLoad();
        if (!load.simulation().equals(simulation)) {
            throw new ConfigError(env.file() + ": gates.load.simulation: this environment is gated by " + load.simulation()
                    + ", not " + simulation + " (fix: -Dgate.simulationClass=" + GatlingJvm.SIMULATIONS + load.simulation() + ")");
        }
        if (System.getProperty("gate.simulation") != null) {
            List<Threshold> dropped = new ArrayList<>();
            load = load.applicableTo(groups, dropped);
            dropped.forEach(t -> System.out.println("driftgate load: not judged by " + simulation + " (no group " + t.scope() + "): " + t.describe()));
        }
        List<Threshold> soakOnly = new ArrayList<>();
        load = load.judgedIn(simulation, soakOnly);
        soakOnly.forEach(t -> System.out.println("driftgate load: not judged by " + simulation + " (memory growth is judged in "
                + LoadGateConfig.SOAK + " runs): " + t.describe()));
        load.requireScopes(groups, simulation);
        if (load.generators().scaledOut() && load.generators().onEcs()) {
            requireEcsEngine(env);
        }
        if (!env.target().embedded() && env.target().apiKey() == null && !groups.equals(Set.of("health"))) {
            throw new ConfigError(env.file() + ": target.apiKey: " + simulation + " calls the authenticated API and needs a key"
                    + " (fix: apiKey: ${env:DRIFTSENTRY_API_KEY} or ${secret:<name>})");
        }
        Path out = Path.of(System.getProperty("gate.output", "target"), "gate", simulation.toLowerCase() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // How long a target may take to turn ready before the gate refuses it without load: -Dgate.readyTimeout (default 30s).
        String ready = System.getProperty("gate.readyTimeout");
        Duration readyTimeout = ready == null ? TargetHealth.READY_TIMEOUT : new Quantities(env.file()).duration("-Dgate.readyTimeout", ready);
        String generatorsReady = System.getProperty("gate.generators.readyWithin");
        Duration generatorsReadyWithin = generatorsReady == null ? GENERATORS_READY_WITHIN
                : new Quantities(env.file()).duration("-Dgate.generators.readyWithin", generatorsReady);
        return new LoadPlan(simulation, Set.copyOf(groups), env, load, out, readyTimeout, generatorsReadyWithin);
    }

    /** Generators as tasks need the stage's cluster and service, a target the tasks can reach, and no key given here. */
    private static void requireEcsEngine(Environment env) {
        if (!(env.deploy().platform() instanceof PlatformSettings.Ecs ecs) || ecs.cluster().isEmpty() || ecs.service().isEmpty()) {
            throw ConfigError.at(env.file(), "gates.load.generators.engine", "ecs runs the generators on the stage's cluster, in its service's "
                    + "network, and platform is " + env.deploy().platform().type() + " without both (fix: engine: local, or platform: { type: ecs, "
                    + "cluster: …, service: … })");
        }
        if (env.target().embedded()) {
            throw ConfigError.at(env.file(), "target.baseUrl", "embedded is this machine, which tasks on the cluster cannot reach "
                    + "(fix: engine: local, or -Dgate.baseUrl=<the stage's address>)");
        }
        if (System.getProperty("gate.apiKey") != null) {
            throw new ConfigError("-Dgate.apiKey: a generator task reads its key from the environment file's target.apiKey, with its task role; "
                    + "a key in RunTask's overrides could be read by anyone who may describe the task (fix: apiKey: ${secret:NAME} in the file)");
        }
    }

    String describe() {
        return "ramp to " + load.profile().rampToPerSecond() + " users/s over " + load.profile().over().toSeconds() + " s, hold "
                + load.profile().hold().toSeconds() + " s, " + load.thresholds().size() + " thresholds";
    }
}
