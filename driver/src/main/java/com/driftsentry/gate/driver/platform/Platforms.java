package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The one place a {@code platform.type} becomes a platform. */
public final class Platforms {
    private Platforms() {
    }

    /**
     * {@code lastServing}: the release the ledger says serves (embedded: started as the serving
     * release, else the environment's baseline version).
     */
    public static Platform create(Environment env, Optional<String> lastServing, Map<String, String> candidateSettings, Path workDir) {
        Platform platform = of(env, lastServing, candidateSettings, workDir);
        // Ctrl-C or SIGTERM ends the command: what it started stops with it (close is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "driftgate-platform-close"));
        return platform;
    }

    private static Platform of(Environment env, Optional<String> lastServing, Map<String, String> candidateSettings, Path workDir) {
        String type = env.deploy().platform().type();
        return switch (type) {
            case "embedded" -> {
                String initial = lastServing.or(() -> env.deploy().platform().baselineVersion()).orElseThrow(() ->
                        ConfigError.at(env.file(), "platform.baselineVersion", "is not set and the ledger has no promotion yet, so nothing "
                                + "would serve (fix: baselineVersion: 0.1.0)"));
                yield new EmbeddedPlatform(env, Release.parse(initial), candidateSettings, workDir);
            }
            case "ecs" -> EcsPlatform.create(env, candidateSettings);
            default -> throw ConfigError.at(env.file(), "platform.type", "'" + type + "' is not supported by driftgate yet (expected embedded or ecs)");
        };
    }
}
