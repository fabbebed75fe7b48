package com.driftsentry.gate.aws;

import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A new revision of a task definition that differs from {@code current} in one container's image only: what a deploy and a generator run register. */
public final class TaskRevision {
    private TaskRevision() {
    }

    /** Registers it; returns the new revision's ARN. A refusal or error is told by {@link AwsCall} as ecs:RegisterTaskDefinition. */
    public static String register(EcsClient ecs, TaskDefinition current, String container, String image) {
        List<ContainerDefinition> containers = current.containerDefinitions().stream()
                .map(c -> c.name().equals(container) ? c.toBuilder().image(image).build() : c).toList();
        RegisterTaskDefinitionRequest request = RegisterTaskDefinitionRequest.builder()
                .family(current.family()).containerDefinitions(containers).taskRoleArn(current.taskRoleArn())
                .executionRoleArn(current.executionRoleArn()).networkMode(current.networkMode()).volumes(current.volumes())
                .placementConstraints(current.placementConstraints()).requiresCompatibilities(current.requiresCompatibilities())
                .cpu(current.cpu()).memory(current.memory()).runtimePlatform(current.runtimePlatform())
                .ephemeralStorage(current.ephemeralStorage()).pidMode(current.pidMode()).ipcMode(current.ipcMode())
                .proxyConfiguration(current.proxyConfiguration()).build();
        return AwsCall.make("ecs:RegisterTaskDefinition", () -> ecs.registerTaskDefinition(request)).taskDefinition().taskDefinitionArn();
    }
}
