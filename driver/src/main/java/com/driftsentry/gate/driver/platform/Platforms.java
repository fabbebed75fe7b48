package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The one place a {@code platform.type} becomes a platform. */
public final class Platforms {
    private static final String EMBEDDED = "embedded";
    private static final String COMPOSE = "compose";
    private static final String ECS = "ecs";
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

    /**
     * Whether the platform {@code env} names keeps a release between runs (every one but compose, a fresh stack per
     * run): what a command needs to know before it makes one (a lock to take, a rollback to refuse).
     */
    public static boolean keepsReleases(Environment env) {
        return !readsComposeFiles(env);
    }

    /** Whether the platform {@code env} names is brought up from compose files ({@code --compose-file} adds to them). */
    public static boolean readsComposeFiles(Environment env) {
        return COMPOSE.equals(env.deploy().platform().type());
    }

    /** Whether the platform {@code env} names runs an image (compose, ecs), or a version of this build (embedded). */
    public static boolean runsImages(Environment env) {
        return !EMBEDDED.equals(env.deploy().platform().type());
    }

    /** What {@code --image} looks like on the platform {@code env} names, for a fix in an error. */
    public static String imageExample(Environment env) {
        return ECS.equals(env.deploy().platform().type()) ? "<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>"
                : runsImages(env) ? "a local image such as driftsentry-reference:0.3.0" : "a version such as 0.3.0";
    }

    /** Whether a candidate can be given settings on the command line ({@code --candidate-env}): not on ecs, whose task definition carries its own. */
    public static boolean takesCandidateSettings(Environment env) {
        return !ECS.equals(env.deploy().platform().type());
    }

    public static Platform create(Environment env, Options options) {
        Platform platform = of(env, options);
        // Ctrl-C or SIGTERM ends the command: what it started stops with it (close is idempotent).
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "driftgate-platform-close"));
        return platform;
    }

    private static Platform of(Environment env, Options options) {
        String type = env.deploy().platform().type();
        return switch (type) {
            case EMBEDDED -> {
                String initial = options.lastServing().or(() -> env.deploy().platform().baselineVersion()).orElseThrow(() ->
                        ConfigError.at(env.file(), "platform.baselineVersion", "is not set and the ledger has no promotion yet, so nothing "
                                + "would serve (fix: baselineVersion: 0.1.0)"));
                yield new EmbeddedPlatform(env, Release.parse(initial), options.candidateSettings(), options.workDir());
            }
            case COMPOSE -> ComposePlatform.create(env, options);
            case ECS -> EcsPlatform.create(env, options.candidateSettings());
            default -> throw ConfigError.at(env.file(), "platform.type", "'" + type + "' is not supported by driftgate (expected embedded, compose or ecs)");
        };
    }
}
