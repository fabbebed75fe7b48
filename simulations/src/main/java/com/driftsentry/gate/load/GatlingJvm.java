package com.driftsentry.gate.load;

import com.driftsentry.gate.environment.EnvironmentLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A load run in a Gatling JVM of its own (Gatling's main ends with System.exit), from this classpath: how driftgate's
 * load gate and a scaled-out run's generators start one. The key reaches it through the child's environment, never its
 * command line (which any local user can read).
 */
public final class GatlingJvm {
    /** The environment variable the child reads its key from ({@code -Dgate.apiKey=${env:…}}). */
    public static final String KEY_VARIABLE = "DRIFTGATE_LOAD_API_KEY";
    /** Where the simulations an environment names live: {@code gates.load.simulation} is a class name in it. */
    static final String SIMULATIONS = "com.driftsentry.gate.simulations.";

    private GatlingJvm() {
    }

    /**
     * The run of {@code simulation} against {@code baseUrl} with environment {@code environment}'s gate, its evidence and
     * verdict under {@code output} and Gatling's report in {@code output/gatling}; {@code properties} are further
     * {@code -D} switches; {@code apiKey} may be null (a target that needs none). Output is the caller's to redirect.
     */
    public static ProcessBuilder of(String environment, String simulation, String baseUrl, String apiKey, Path output, List<String> properties) {
        Path environments = EnvironmentLoader.findDirectory(Path.of("").toAbsolutePath());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", PinnedGatlingPreferences.JVM_OPTION, "-Denv=" + environment,
                "-Dgate.environments=" + environments, "-Dgate.baseUrl=" + baseUrl, "-Dgate.output=" + output.toAbsolutePath()));
        properties.forEach(p -> command.add("-D" + p));
        if (apiKey != null) {
            command.add("-Dgate.apiKey=${env:" + KEY_VARIABLE + "}");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gatling.app.Gatling",
                "-s", SIMULATIONS + simulation, "-rf", output.resolve("gatling").toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        EnvironmentLoader.checkedDigest(EnvironmentLoader.file(environments, environment))
                .ifPresent(digest -> pb.environment().put(EnvironmentLoader.CHECKED_VARIABLE, digest));
        if (apiKey != null) {
            pb.environment().put(KEY_VARIABLE, apiKey);
        }
        return pb;
    }
}
