package com.driftsentry.gate.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Every AWS SDK client the gate builds (ECS, EC2, CloudWatch, Budgets, ECR, S3, Secrets Manager), built alike in one
 * place: the region, the default credential chain, the small URL-connection HTTP client, bounded call times, the SDK's
 * standard retries, and the endpoint override for an AWS implementation on this machine (moto's server, S3Mock).
 */
public final class AwsClientFactory {
    // A call (its retries included) that takes a minute is an AWS outage, not a slow answer.
    private static final Duration CALL = Duration.ofSeconds(60);
    private static final Duration ATTEMPT = Duration.ofSeconds(15);
    private static final Duration CONNECT = Duration.ofSeconds(5);

    private AwsClientFactory() {
    }

    /** {@code -Dgate.aws.endpoint} or {@code GATE_AWS_ENDPOINT}: one endpoint for every AWS service (a local implementation); empty for AWS. */
    public static Optional<URI> endpoint() {
        return Optional.ofNullable(System.getProperty("gate.aws.endpoint")).or(() -> Optional.ofNullable(System.getenv("GATE_AWS_ENDPOINT")))
                .filter(e -> !e.isBlank()).map(URI::create);
    }

    /** {@code builder} configured as every client is: {@code region}, {@code endpoint} when given, bounded call times, the URL-connection client. */
    public static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, String region, Optional<URI> endpoint) {
        builder.region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        builder.overrideConfiguration(o -> o.apiCallTimeout(CALL).apiCallAttemptTimeout(ATTEMPT));
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(ATTEMPT));
        }
        return builder;
    }
}
