package com.driftsentry.gate.environment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the deploy driver reads from an environment file: the platform, the availability probe,
 * the alarms and budget checked before promotion, the ledger, what to do on a failed gate, and
 * where to notify. Every field has a default, so a file with only a target still loads.
 */
public record DeployConfig(Platform platform, Availability availability, List<String> alarms, Optional<Budget> budget,
                           Optional<Path> ledger, boolean rollbackOnFailure, Optional<String> slackWebhook) {

    /**
     * {@code versionChecks}: consecutive health probes that must report the candidate's version
     * before it counts as serving; {@code maxImageBytes}: the largest candidate image (ECR, or the
     * local engine for compose); {@code composeFiles}: the compose stack, base file first;
     * {@code readOnlyRootFilesystem}: compose runs the backend on a read-only root filesystem.
     */
    public record Platform(String type, String region, Optional<String> cluster, Optional<String> service, Duration stableTimeout,
                           Optional<String> baselineVersion, int versionChecks, long maxImageBytes, List<Path> composeFiles,
                           boolean readOnlyRootFilesystem) {
    }

    /** Probe {@code path} every {@code every} from the start of a deploy to its verdict; pass at {@code minSuccess} or more. */
    public record Availability(String path, Duration every, double minSuccess) {
    }

    /** The month's actual and forecast spend must stay below {@code monthlyCapUsd}; {@code name} is the AWS budget. */
    public record Budget(double monthlyCapUsd, String name) {
    }
}
