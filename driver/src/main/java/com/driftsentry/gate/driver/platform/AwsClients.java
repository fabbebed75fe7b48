package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.aws.AwsClientFactory;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The AWS SDK clients the ECS platform uses, each built by {@link AwsClientFactory} (the environment's region, the
 * endpoint override {@code -Dgate.aws.endpoint} or {@code GATE_AWS_ENDPOINT}, bounded call times).
 */
public record AwsClients(EcsClient ecs, Ec2Client ec2, CloudWatchClient cloudWatch, BudgetsClient budgets, EcrClient ecr) implements AutoCloseable {

    public static AwsClients create(String region) {
        Optional<URI> endpoint = AwsClientFactory.endpoint();
        return new AwsClients(
                AwsClientFactory.configure(EcsClient.builder(), region, endpoint).build(),
                AwsClientFactory.configure(Ec2Client.builder(), region, endpoint).build(),
                AwsClientFactory.configure(CloudWatchClient.builder(), region, endpoint).build(),
                // Budgets is a global service served from us-east-1.
                AwsClientFactory.configure(BudgetsClient.builder(), "us-east-1", endpoint).build(),
                AwsClientFactory.configure(EcrClient.builder(), region, endpoint).build());
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
