package com.driftsentry.gate.environment;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.aws.AwsClientFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;

/**
 * {@code ${stack:STACK#Output}}: a setting the deployed stack itself says (the stage's API address, which infra/
 * creates and no one types), read with CloudFormation's DescribeStacks, once per stack per command.
 */
final class StackOutputs implements AutoCloseable {
    private final String region;
    private final URI endpoint;
    private final Map<String, Map<String, String>> read = new HashMap<>();
    private CloudFormationClient client;

    StackOutputs(String region, URI endpoint) {
        this.region = region;
        this.endpoint = endpoint;
    }

    /** The value of output {@code STACK#Output}; a missing stack, output or permission is a {@link ConfigError} naming both. */
    synchronized String value(String file, String field, String reference) {
        String[] parts = reference.split("#", 2);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw ConfigError.at(file, field, "${stack:" + reference + "} names no output (fix: ${stack:<stack name>#<output>}, e.g. "
                    + "${stack:DriftSentry-production#ApiUrl})");
        }
        Map<String, String> outputs = read.computeIfAbsent(parts[0], stack -> outputs(file, field, stack));
        String value = outputs.get(parts[1]);
        if (value == null) {
            throw ConfigError.at(file, field, "stack " + parts[0] + " in " + region + " has no output " + parts[1] + " (it has: "
                    + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet().stream().sorted().toList()))
                    + ") (fix: deploy the stack that creates it, cdk deploy " + parts[0] + ", or name one it has)");
        }
        return value;
    }

    private Map<String, String> outputs(String file, String field, String stack) {
        try {
            List<Output> outputs = client().describeStacks(b -> b.stackName(stack)).stacks().get(0).outputs();
            return outputs.stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a));
        } catch (AwsServiceException e) {
            // CloudFormation says a stack that does not exist with a ValidationError, not a 404.
            if (Optional.ofNullable(e.awsErrorDetails()).map(d -> d.errorMessage()).orElse("").contains("does not exist")) {
                throw ConfigError.at(file, field, "stack " + stack + " does not exist in " + region + " (fix: deploy it, cdk deploy " + stack
                        + " from infra/, or correct the name)");
            }
            throw ConfigError.at(file, field, "stack " + stack + " could not be read: " + AwsCall.problem("cloudformation:DescribeStacks", e, null));
        } catch (SdkException e) {
            throw ConfigError.at(file, field, "stack " + stack + " could not be read: " + AwsCall.problem("cloudformation:DescribeStacks", e, null));
        }
    }

    private CloudFormationClient client() {
        if (client == null) {
            client = AwsClientFactory.configure(CloudFormationClient.builder(), region, Optional.ofNullable(endpoint)).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
