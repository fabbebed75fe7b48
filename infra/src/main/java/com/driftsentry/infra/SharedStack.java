package com.driftsentry.infra;

import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.constructs.Construct;

/**
 * What every stage shares: the image repository (scanned on push, the last N images kept, tags
 * immutable so a tag names one image for good), the bucket driftgate keeps each stage's state in
 * (versioned, encrypted, never public, TLS only), the role GitHub Actions deploys with, the account's
 * {@link AuditTrail}, and, when a stage runs its load generators on ECS, their image repository.
 */
public final class SharedStack extends Stack {
    /** The generator image keeps few versions: only the commit being deployed runs, and each image bills its storage. */
    static final int KEEP_GENERATOR_IMAGES = 3;
    /** How long a scaled-out run's channel objects are kept in the state bucket. */
    static final int CHANNEL_DAYS = 7;

    private final Repository repository;
    private final Bucket stateBucket;
    private final Optional<Repository> generatorImages;

    public SharedStack(Construct scope, String id, StackProps props, SharedSettings shared, List<StageSettings> stages) {
        super(scope, id, props);
        this.repository = Repository.Builder.create(this, "Images").repositoryName(shared.repository()).imageScanOnPush(true)
                .imageTagMutability(TagMutability.IMMUTABLE).removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder().description("keep the last " + shared.keepImages() + " images")
                        .maxImageCount(shared.keepImages()).build()))
                .build();
        this.stateBucket = Bucket.Builder.create(this, "StageState").bucketName(shared.stateBucket()).versioned(true)
                .encryption(BucketEncryption.S3_MANAGED).blockPublicAccess(BlockPublicAccess.BLOCK_ALL).enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(stateLifecycle(stages))
                .build();
        this.generatorImages = stages.stream().anyMatch(s -> s.generators().isPresent())
                ? Optional.of(Repository.Builder.create(this, "GeneratorImages").repositoryName(shared.generatorRepository()).imageScanOnPush(true)
                        .imageTagMutability(TagMutability.IMMUTABLE).removalPolicy(RemovalPolicy.RETAIN)
                        .lifecycleRules(List.of(LifecycleRule.builder().description("keep the last " + KEEP_GENERATOR_IMAGES + " generator images")
                                .maxImageCount(KEEP_GENERATOR_IMAGES).build()))
                        .build())
                : Optional.empty();
        new DeployRole(this, "Deploy", shared, stages, repository, stateBucket, generatorImages);
        new AuditTrail(this, "Audit");
        Tags.of(this).add("project", "driftsentry");
    }

    /**
     * Old versions go after 90 days; a scaled-out run's channel (ready, start, intervals, final: forensic once the verdict is
     * out, and a few hundred objects a run) after a week, for each stage.
     */
    private static List<software.amazon.awscdk.services.s3.LifecycleRule> stateLifecycle(List<StageSettings> stages) {
        List<software.amazon.awscdk.services.s3.LifecycleRule> rules = new java.util.ArrayList<>(List.of(
                software.amazon.awscdk.services.s3.LifecycleRule.builder().noncurrentVersionExpiration(Duration.days(90)).build()));
        stages.forEach(s -> rules.add(software.amazon.awscdk.services.s3.LifecycleRule.builder().id("scaleout-" + s.stage())
                .prefix(StageSettings.channelPrefix(s.statePrefix())).expiration(Duration.days(CHANNEL_DAYS))
                .noncurrentVersionExpiration(Duration.days(1)).build()));
        return rules;
    }

    public Repository repository() {
        return repository;
    }

    public Bucket stateBucket() {
        return stateBucket;
    }

    /** The load generator's image repository: present when a stage runs its generators on ECS. */
    public Optional<Repository> generatorImages() {
        return generatorImages;
    }
}
