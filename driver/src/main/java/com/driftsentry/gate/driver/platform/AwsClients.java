package com.driftsentry.gate.driver.platform;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The AWS SDK clients the ECS platform uses, built alike: the environment's region, the default
 * credential chain, the small URL-connection HTTP client, the SDK's standard retries, and an
 * endpoint override ({@code -Dgate.aws.endpoint} or {@code GATE_AWS_ENDPOINT}) for a local stand-in.
 */
public record AwsClients(EcsClient ecs, Ec2Client ec2, CloudWatchClient cloudWatch, BudgetsClient budgets, EcrClient ecr) implements AutoCloseable {

    public static AwsClients create(String region) {
        Optional<URI> endpoint = Optional.ofNullable(System.getProperty("gate.aws.endpoint")).or(() -> Optional.ofNullable(System.getenv("GATE_AWS_ENDPOINT")))
                .map(URI::create);
        return new AwsClients(
                configure(EcsClient.builder(), region, endpoint).build(),
                configure(Ec2Client.builder(), region, endpoint).build(),
                configure(CloudWatchClient.builder(), region, endpoint).build(),
                // Budgets is a global service served from us-east-1.
                configure(BudgetsClient.builder(), "us-east-1", endpoint).build(),
                configure(EcrClient.builder(), region, endpoint).build());
    }

    /** Every client alike: the region, an endpoint override, bounded call times, the URL-connection HTTP client. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String region, Optional<URI> endpoint) {
        builder.region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        builder.overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)).apiCallAttemptTimeout(Duration.ofSeconds(15)));
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(15)));
        }
        return builder;
    }

    @Override
    public void close() {
        ecs.close();
        ec2.close();
        cloudWatch.close();
        budgets.close();
        ecr.close();
    }
}
