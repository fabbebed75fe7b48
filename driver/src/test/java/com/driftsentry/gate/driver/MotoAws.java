package com.driftsentry.gate.driver;

import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.testing.MotoServer;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.Spend;
import software.amazon.awssdk.services.budgets.model.TimeUnit;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.ItemSelection;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * What an operator (or the CDK stacks) put in an AWS account before driftgate runs, made in moto's server with the
 * real SDK clients: an ECS service on a task definition, CloudWatch alarms in a state, a budget with its spend, an
 * image in ECR, a bucket, a CloudFront distribution, an IAM user with a policy. The test then reads moto's state back to see what driftgate did.
 */
final class MotoAws implements AutoCloseable {
    static final String ACCOUNT = MotoServer.ACCOUNT;
    static final String REPO = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/driftsentry";

    final EcsClient ecs;
    final CloudWatchClient cloudWatch;
    final BudgetsClient budgets;
    final EcrClient ecr;
    final S3Client s3;
    final IamClient iam;
    final CloudFrontClient cloudFront;

    private MotoAws(URI endpoint) {
        Optional<URI> at = Optional.of(endpoint);
        ecs = AwsClientFactory.configure(EcsClient.builder(), "us-east-1", at).build();
        cloudWatch = AwsClientFactory.configure(CloudWatchClient.builder(), "us-east-1", at).build();
        budgets = AwsClientFactory.configure(BudgetsClient.builder(), "us-east-1", at).build();
        ecr = AwsClientFactory.configure(EcrClient.builder(), "us-east-1", at).build();
        s3 = AwsClientFactory.configure(S3Client.builder(), "us-east-1", at).forcePathStyle(true).build();
        iam = AwsClientFactory.configure(IamClient.builder(), "us-east-1", at).build();
        cloudFront = AwsClientFactory.configure(CloudFrontClient.builder(), "aws-global", at).build();
    }

    static MotoAws at(String endpoint) {
        return new MotoAws(URI.create(endpoint));
    }

    void bucket(String name) {
        s3.createBucket(b -> b.bucket(name));
    }

    /** A bucket that keeps every version of its objects (the hosted dashboard's). */
    void versionedBucket(String name) {
        bucket(name);
        s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }

    /** A CloudFront distribution in front of {@code bucket}; its id. */
    String distribution(String bucket) {
        return cloudFront.createDistribution(b -> b.distributionConfig(c -> c.callerReference(bucket).comment("dashboard").enabled(true)
                .defaultRootObject("index.html")
                .origins(o -> o.quantity(1).items(Origin.builder().id("files").domainName(bucket + ".s3.us-east-1.amazonaws.com")
                        .s3OriginConfig(s -> s.originAccessIdentity("")).build()))
                .defaultCacheBehavior(d -> d.targetOriginId("files").viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .minTTL(0L).forwardedValues(f -> f.queryString(false).cookies(k -> k.forward(ItemSelection.NONE))))))
                .distribution().id();
    }

    /** The invalidations asked of a distribution so far. */
    int invalidations(String distribution) {
        return cloudFront.listInvalidations(b -> b.distributionId(distribution)).invalidationList().quantity();
    }

    /**
     * Cluster {@code cluster} with service {@code service} running {@code tasks} of a Fargate task definition whose
     * application container ("api") runs {@code image}, beside a log-router sidecar that must stay as it is.
     */
    String service(String cluster, String service, String image, int tasks) {
        ecs.createCluster(b -> b.clusterName(cluster));
        String arn = ecs.registerTaskDefinition(b -> b.family("driftsentry").networkMode(NetworkMode.AWSVPC)
                .requiresCompatibilities(Compatibility.FARGATE).cpu("512").memory("1024")
                .executionRoleArn("arn:aws:iam::" + ACCOUNT + ":role/driftsentry-execution")
                .taskRoleArn("arn:aws:iam::" + ACCOUNT + ":role/driftsentry-task")
                .containerDefinitions(
                        c -> c.name("api").image(image).essential(true).memory(896)
                                .portMappings(p -> p.containerPort(3002).protocol(TransportProtocol.TCP))
                                .environment(kv -> kv.name("NODE_ENV").value("production")),
                        c -> c.name("log-router").image("public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0").essential(false).memory(128)))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(b -> b.cluster(cluster).serviceName(service).taskDefinition(arn).desiredCount(tasks).launchType(LaunchType.FARGATE));
        return arn;
    }

    Service described(String cluster, String service) {
        return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().get(0);
    }

    TaskDefinition taskDefinition(String arn) {
        return ecs.describeTaskDefinition(b -> b.taskDefinition(arn)).taskDefinition();
    }

    /** Points the service at another task definition as a person at the console would (no driftgate). */
    void updateByHand(String cluster, String service, String taskDefinitionArn) {
        ecs.updateService(b -> b.cluster(cluster).service(service).taskDefinition(taskDefinitionArn));
    }

    void alarm(String name, StateValue state) {
        cloudWatch.putMetricAlarm(b -> b.alarmName(name).namespace("AWS/ECS").metricName("CPUUtilization").statistic(Statistic.AVERAGE)
                .period(60).evaluationPeriods(1).threshold(80.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.setAlarmState(b -> b.alarmName(name).stateValue(state).stateReason("set by the test"));
    }

    /** A monthly cost budget; moto sets its spend only at creation ({@code update_budget} is not implemented). */
    void budget(String name, String capUsd, String actualUsd, String forecastUsd) {
        budgets.createBudget(b -> b.accountId(ACCOUNT).budget(x -> x.budgetName(name).budgetType(BudgetType.COST).timeUnit(TimeUnit.MONTHLY)
                .budgetLimit(usd(capUsd)).calculatedSpend(s -> s.actualSpend(usd(actualUsd)).forecastedSpend(usd(forecastUsd)))));
    }

    /**
     * Image {@code tag} in repository "driftsentry" of {@code bytes}. AWS reports the sum of the compressed layers, moto
     * the manifest's config size: the manifest gives both the same number, so the test holds for either reading.
     */
    void image(String tag, long bytes) {
        if (ecr.describeRepositories().repositories().stream().noneMatch(r -> r.repositoryName().equals("driftsentry"))) {
            ecr.createRepository(b -> b.repositoryName("driftsentry"));
        }
        String digest = "sha256:" + "%064x".formatted(bytes);
        String manifest = """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": %d, "digest": "%s"},
                 "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": %d, "digest": "%s"}]}
                """.formatted(bytes, digest, bytes, digest.replace("sha256:0", "sha256:1"));
        ecr.putImage(b -> b.repositoryName("driftsentry").imageTag(tag).imageManifest(manifest));
    }

    /** An IAM user allowed exactly {@code actions} on every resource; its access key. */
    AccessKey user(String name, String... actions) {
        iam.createUser(b -> b.userName(name));
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"" + String.join("\",\"", actions)
                + "\"],\"Resource\":\"*\"}]}";
        iam.putUserPolicy(b -> b.userName(name).policyName("driftgate").policyDocument(policy));
        return iam.createAccessKey(b -> b.userName(name)).accessKey();
    }

    private static Spend usd(String amount) {
        return Spend.builder().amount(new BigDecimal(amount)).unit("USD").build();
    }

    @Override
    public void close() {
        ecs.close();
        cloudWatch.close();
        budgets.close();
        ecr.close();
        s3.close();
        iam.close();
        cloudFront.close();
    }
}
