package com.driftsentry.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudtrail.Trail;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The account's audit trail: every management event (who changed what, deploys and rollbacks included) from every
 * region into a bucket of its own. The first trail's copy of management events is free (docs/AWS-SETUP.md); what
 * bills is the bucket, which keeps a year: 30 days in S3 Standard for an investigation, then Glacier Instant Retrieval.
 * No data events: they bill per event and the API's own access logs already say who called what.
 */
final class AuditTrail extends Construct {
    static final int KEEP_DAYS = 365;

    AuditTrail(Construct scope, String id) {
        super(scope, id);
        Bucket logs = Bucket.Builder.create(this, "Logs").encryption(BucketEncryption.S3_MANAGED).blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder().id("a year, colder after a month").expiration(Duration.days(KEEP_DAYS))
                        .transitions(List.of(Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                .transitionAfter(Duration.days(30)).build())).build()))
                .build();
        Trail.Builder.create(this, "Trail").trailName("driftsentry-audit").bucket(logs).isMultiRegionTrail(true)
                .includeGlobalServiceEvents(true).enableFileValidation(true).sendToCloudWatchLogs(false).build();
    }
}
