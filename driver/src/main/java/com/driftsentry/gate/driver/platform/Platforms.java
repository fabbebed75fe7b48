package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.PlatformSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The one place a platform's settings become a platform (what differs between kinds is asked of {@link PlatformSettings}). */
public final class Platforms {
    private Platforms() {
    }

    /**
     * What a command tells the platform: {@code lastServing}, the release the ledger says serves
     * (embedded: started as the serving release, else the environment's baseline version); the
     * candidate's own settings; the command's work folder; the image named on the command line
     * ({@code gateServing}: {@code gate} runs the stack from it); extra compose files; where to say
     * what the platform did on its own (removed leftovers); {@code dryRun}: the platform only reads.
     */
    public record Options(Optional<String> lastServing, Map<String, String> candidateSettings, Path workDir, Optional<Release> image,
                          boolean gateServing, List<Path> composeFiles, Consumer<String> say, boolean dryRun) {
        public static Options of(Optional<String> lastServing, Path workDir) {
            return new Options(lastServing, Map.of(), workDir, Optional.empty(), false, List.of(), line -> { }, false);
        }

        public Options withCandidate(Release candidate, Map<String, String> settings) {
            return new Options(lastServing, Map.copyOf(settings), workDir, Optional.of(candidate), false, composeFiles, say, dryRun);
        }

        public Options withServing(Release image) {
            return new Options(lastServing, candidateSettings, workDir, Optional.of(image), true, composeFiles, say, dryRun);
        }

        public Options withComposeFiles(List<Path> files) {
            return new Options(lastServing, candidateSettings, workDir, image, gateServing, List.copyOf(files), say, dryRun);
        }

        public Options saying(Consumer<String> to) {
            return new Options(lastServing, candidateSettings, workDir, image, gateServing, composeFiles, to, dryRun);
        }

        public Options dryRun(boolean only) {
            return new Options(lastServing, candidateSettings, workDir, image, gateServing, composeFiles, say, only);
        }
    }

    public static Platform create(Environment env, Options options) {
        Platform platform = of(env, options);
        // Ctrl-C or SIGTERM ends the command: what it started stops with it (close is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "driftgate-platform-close"));
        return platform;
    }

    private static Platform of(Environment env, Options options) {
        PlatformSettings settings = env.deploy().platform();
        if (settings instanceof PlatformSettings.Compose compose) {
            return ComposePlatform.create(env, compose, options);
        }
        if (settings instanceof PlatformSettings.Ecs ecs) {
            return EcsPlatform.create(env, ecs);
        }
        PlatformSettings.Embedded embedded = (PlatformSettings.Embedded) settings;
        String initial = options.lastServing().or(embedded::baselineVersion).orElseThrow(() -> ConfigError.at(env.file(),
                "platform.baselineVersion", "is not set and the ledger has no promotion yet, so nothing would serve (fix: baselineVersion: 0.1.0)"));
        // Only a deploy that will run starts its candidate early: not a dry run, not the gate command's serving image.
        Optional<Release> candidate = options.image().filter(image -> !options.gateServing() && !options.dryRun());
        return new EmbeddedPlatform(env, Release.parse(initial), candidate, options.candidateSettings(), options.workDir());
    }
}
