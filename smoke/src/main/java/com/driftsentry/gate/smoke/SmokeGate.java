package com.driftsentry.gate.smoke;

import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.suite.SuiteRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/**
 * The smoke gate: the suites below, filtered by the environment's {@code gates.smoke.tags}, run
 * against the environment's stage. {@code main} is what a pipeline calls; {@link #run} is what
 * the build's own gate test and the driver call.
 */
public final class SmokeGate {
    /** Every suite, in the order they run; the ratelimit suite is last because it leaves this address throttled. */
    public static final List<Class<?>> SUITES = List.of(HealthSmoke.class, AuthSmoke.class, DriftsSmoke.class, SecuritySmoke.class,
            CacheSmoke.class, RateLimitSmoke.class);
    /**
     * The suite that leaves this address throttled for unknown keys for the auth-failure window (a
     * minute by default): it runs last here, and a driver runs it after every other gate of a release.
     */
    public static final String RATE_LIMIT = "ratelimit";
    /** The origin the embedded service allows, when the environment names none. */
    static final String EMBEDDED_ORIGIN = "https://app.driftsentry.example";

    private SmokeGate() {
    }

    /** Runs the gate; the DRIFTSENTRY_FAULT_* switches of this shell reach an embedded service. */
    public static SuiteRunner.Result run(Environment env, Path outputRoot, PrintStream out) {
        Map<String, String> faults = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("DRIFTSENTRY_FAULT_")) {
                faults.put(name, value);
            }
        });
        return run(env, outputRoot, out, faults);
    }

    /** Runs the gate with {@code embeddedSettings} given to an embedded service (ignored for a remote stage). */
    public static SuiteRunner.Result run(Environment env, Path outputRoot, PrintStream out, Map<String, String> embeddedSettings) {
        SuiteRunner runner = new SuiteRunner("smoke", SUITES, out)
                .withEmbeddedSetting("DRIFTSENTRY_CORS_ORIGINS", env.smoke().allowedOrigin().orElse(EMBEDDED_ORIGIN));
        embeddedSettings.forEach(runner::withEmbeddedSetting);
        return runner.run(env, env.smoke().tags(), env.smoke().readOnly(), outputRoot);
    }

    /** The suites the environment runs, by tag: its {@code gates.smoke.tags}, or every suite's when it names none. */
    public static List<String> tags(Environment env) {
        if (!env.smoke().tags().isEmpty()) {
            return env.smoke().tags();
        }
        return SUITES.stream().flatMap(s -> Arrays.stream(s.getAnnotationsByType(Tag.class))).map(Tag::value).toList();
    }

    /** The suites that run before the ratelimit suite: every one the environment runs but that one. */
    public static List<String> tagsBeforeRateLimit(Environment env) {
        return tags(env).stream().filter(t -> !t.equals(RATE_LIMIT)).toList();
    }

    /** Whether the environment runs the ratelimit suite. */
    public static boolean runsRateLimit(Environment env) {
        return tags(env).contains(RATE_LIMIT);
    }

    /** {@code -Denv=<name>} (default local); exits with the verdict's exit code, or bad input's. */
    public static void main(String[] args) {
        System.exit(exitCode(System.getProperty("env", "local"), System.out, System.err));
    }

    public static int exitCode(String envName, PrintStream out, PrintStream err) {
        return SuiteRunner.exitCode("smoke", envName, err, env -> run(env, Path.of(System.getProperty("gate.output", "target")), out));
    }
}
