package com.driftsentry.gate.environment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the deploy driver reads from an environment file: the platform, the availability probe,
 * the alarms and budget checked before promotion, the stage's store, what to do on a failed gate, and
 * where to notify. Every field has a default, so a file with only a target still loads.
 */
public record DeployConfig(PlatformSettings platform, Availability availability, List<String> alarms, Optional<Budget> budget,
                           State state, boolean rollbackOnFailure, Optional<String> slackWebhook) {

    /** Probe {@code path} every {@code every} from the start of a deploy to its verdict; pass at {@code minSuccess} or more. */
    public record Availability(String path, Duration every, double minSuccess) {
    }

    /**
     * Where the stage's state lives between runners (ledger, lock, open intent, load evidence,
     * baseline): a folder ({@code file}, the default) or an S3 bucket under {@code prefix}
     * ({@code s3}); {@code endpoint} points the S3 client at an S3-compatible store instead of AWS.
     */
    public record State(String type, Path path, String bucket, String prefix, String region, Optional<URI> endpoint, Optional<ConfigError> problem) {
        /** This store, or the error that says why it cannot be opened (a bucket that is not set). */
        public State checked() {
            problem.ifPresent(e -> {
                throw e;
            });
            return this;
        }

        public boolean s3() {
            return "s3".equals(type);
        }

        /** Where people find it: the folder, or {@code s3://bucket/prefix}. */
        public String location() {
            return s3() ? "s3://" + bucket + "/" + prefix : path.toString();
        }
    }

    /**
     * The month's actual and forecast spend must stay below {@code monthlyCapUsd}; {@code name} is the AWS budget.
     * With an {@code estimate}, the stage's synthesized stack is priced before a deploy changes anything.
     */
    public record Budget(double monthlyCapUsd, String name, Optional<Estimate> estimate) {
    }

    /**
     * What {@code driftgate cost} prices: the stage's CloudFormation templates (the stage's stack and the shared one),
     * at list prices unless {@code alwaysFree} says the account has AWS's always-free allowances.
     */
    public record Estimate(List<Path> templates, boolean alwaysFree, Usage usage) {
    }

    /**
     * What the templates cannot say: the hours a service at rest runs for gates, the logs it writes, the images
     * kept in the registry, the state kept in the bucket, the requests through the stage's entry point (an HTTP API
     * bills each), what the audit trail's bucket keeps and how often the hosted dashboard is opened (CloudFront bills
     * its requests and bytes), and how many load gate runs a month start generator tasks on ECS. An empty optional: not given.
     */
    public record Usage(OptionalDouble gatedHoursPerMonth, double logGbPerMonth, double imageStorageGb, double stateStorageGb,
                        OptionalDouble apiRequestsPerMonth, double auditLogGb, OptionalDouble dashboardLoadsPerMonth,
                        OptionalDouble loadRunsPerMonth) {
        /** No load runs on ECS generators given. */
        public Usage(OptionalDouble gatedHoursPerMonth, double logGbPerMonth, double imageStorageGb, double stateStorageGb,
                     OptionalDouble apiRequestsPerMonth, double auditLogGb, OptionalDouble dashboardLoadsPerMonth) {
            this(gatedHoursPerMonth, logGbPerMonth, imageStorageGb, stateStorageGb, apiRequestsPerMonth, auditLogGb, dashboardLoadsPerMonth,
                    OptionalDouble.empty());
        }
    }
}
