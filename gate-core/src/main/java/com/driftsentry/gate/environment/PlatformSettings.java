package com.driftsentry.gate.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The environment's {@code platform:} block, one record per kind behind one sealed type: each kind holds only its own
 * settings, and what differs between kinds is asked of them (before a platform exists) instead of comparing a type name.
 * {@link EnvironmentReader} is the one place a {@code platform.type} string is read.
 */
public sealed interface PlatformSettings permits PlatformSettings.Embedded, PlatformSettings.Compose, PlatformSettings.Ecs {

    /**
     * What every kind has: the AWS region (AWS calls, the stage's store), how long a release may take to become
     * stable, and how many consecutive health probes must report the candidate's version before it counts as serving.
     */
    record Common(String region, Duration stableTimeout, int versionChecks) {
    }

    /** embedded: versions of this build run as processes on this machine; {@code baselineVersion} serves until the ledger has a promotion. */
    record Embedded(Common common, Optional<String> baselineVersion) implements PlatformSettings {
        @Override
        public String type() {
            return "embedded";
        }

        @Override
        public StagePolicy policy() {
            return StagePolicy.SERVING;
        }

        @Override
        public boolean runsImages() {
            return false;
        }

        @Override
        public String imageExample() {
            return "a version such as 0.3.0";
        }
    }

    /**
     * compose: a fresh stack per run from {@code composeFiles} (base file first); {@code maxImageBytes}: the largest
     * candidate image in the local engine; {@code readOnlyRootFilesystem}: the backend runs on a read-only root.
     */
    record Compose(Common common, List<Path> composeFiles, long maxImageBytes, boolean readOnlyRootFilesystem) implements PlatformSettings {
        @Override
        public String type() {
            return "compose";
        }

        @Override
        public StagePolicy policy() {
            return StagePolicy.FRESH;
        }

        @Override
        public String imageExample() {
            return "a local image such as driftsentry-reference:0.3.0";
        }

        @Override
        public boolean readsComposeFiles() {
            return true;
        }
    }

    /**
     * ecs: a Fargate service; {@code maxImageBytes}: the largest candidate image in ECR; {@code gateOnlyTasks} above 0:
     * the service rests at 0 tasks and runs that many only while a command deploys or gates it; {@code dashboard}: where
     * the stage hosts its dashboard, if it does.
     */
    record Ecs(Common common, Optional<String> cluster, Optional<String> service, long maxImageBytes, int gateOnlyTasks,
               Optional<DashboardHost> dashboard) implements PlatformSettings {
        @Override
        public String type() {
            return "ecs";
        }

        @Override
        public StagePolicy policy() {
            return gateOnlyTasks > 0 ? StagePolicy.RESTING : StagePolicy.SERVING;
        }

        @Override
        public String imageExample() {
            return "<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>";
        }

        @Override
        public Optional<DashboardHost> dashboardHost() {
            return dashboard;
        }

        /** The service's task definition names what serves, whoever put it there. */
        @Override
        public boolean knowsWhatServes() {
            return true;
        }

        /** Its task definition carries the candidate's settings; none are given on the command line. */
        @Override
        public boolean takesCandidateSettings() {
            return false;
        }
    }

    /**
     * {@code platform.dashboard}: the versioned bucket that holds the dashboard's files and the CloudFront distribution
     * that serves them (infra/: DashboardHosting), where {@code driftgate publish} writes the page.
     */
    record DashboardHost(String bucket, String distribution) {
    }

    Common common();

    /** Where the stage hosts its dashboard ({@code platform.dashboard}, ecs only); none: the platform serves it, or nothing does. */
    default Optional<DashboardHost> dashboardHost() {
        return Optional.empty();
    }

    /** The kind as the environment file names it, for messages. */
    String type();

    /** What the stage keeps between commands, and whom the availability probe watches. */
    StagePolicy policy();

    /** What {@code --image} looks like on this kind, for the fix in an error. */
    String imageExample();

    /** Whether the platform runs an image (compose, ecs) or a version of this build (embedded). */
    default boolean runsImages() {
        return true;
    }

    /** Whether a candidate can be given settings on the command line ({@code --candidate-env}). */
    default boolean takesCandidateSettings() {
        return true;
    }

    /** Whether the stack comes from compose files ({@code --compose-file} adds to them). */
    default boolean readsComposeFiles() {
        return false;
    }

    /** The release that serves until the ledger has a promotion (embedded only; the others read what serves from the stage). */
    default Optional<String> baselineVersion() {
        return Optional.empty();
    }

    /** The tasks a gate-only stage runs while a command gates it (ecs only); 0: the stage always runs. */
    default int gateOnlyTasks() {
        return 0;
    }

    /**
     * Whether the platform itself can say, without starting anything, what serves between commands (ecs: the service's
     * task definition). Elsewhere the ledger is the only record: embedded releases live only while a command runs, and a
     * compose stack is fresh each run.
     */
    default boolean knowsWhatServes() {
        return false;
    }

    /** Shorthand for {@code policy().keepsReleases()}: what a command needs to know before it takes a lock or refuses a rollback. */
    default boolean keepsReleases() {
        return policy().keepsReleases();
    }
}
