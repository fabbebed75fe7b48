package com.driftsentry.gate.driver.platform;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.aws.TaskRevision;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The ECS calls of a rolling deployment, and the wait for it: a deployment counts as done only
 * when the one this driver started is COMPLETED with every task running; it has failed when it
 * goes FAILED (the circuit breaker), disappears or stops being the primary (a circuit-breaker
 * rollback), when one of its tasks stopped, or when the stable timeout passes.
 */
final class EcsRollout {
    private final AwsClients aws;
    private final String cluster;
    private final String service;
    private final Duration timeout;
    private final Duration poll;
    private String deploymentId;

    EcsRollout(AwsClients aws, String cluster, String service, Duration timeout, Duration poll) {
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.timeout = timeout;
        this.poll = poll;
    }

    Service describe() throws DeployFailure {
        List<Service> found = AwsCall.make("ecs:DescribeServices", () -> aws.ecs().describeServices(b -> b.cluster(cluster).services(service))).services();
        if (found.isEmpty()) {
            throw new DeployFailure("no service " + service + " in cluster " + cluster);
        }
        return found.get(0);
    }

    TaskDefinition taskDefinition(String arn) {
        return AwsCall.make("ecs:DescribeTaskDefinition", () -> aws.ecs().describeTaskDefinition(b -> b.taskDefinition(arn))).taskDefinition();
    }

    /** Registers a copy of {@code current} in which only {@code container}'s image is {@code image}; returns the new revision's ARN. */
    String register(TaskDefinition current, String container, String image) {
        return TaskRevision.register(aws.ecs(), current, container, image);
    }

    /** Points the service at {@code taskDefinitionArn} (with {@code tasks} of it, or as many as now when null); remembers the deployment this started. */
    void update(String taskDefinitionArn, Integer tasks) {
        Service updated = AwsCall.make("ecs:UpdateService", () -> aws.ecs().updateService(b -> b.cluster(cluster).service(service)
                .taskDefinition(taskDefinitionArn).desiredCount(tasks))).service();
        deploymentId = updated.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).map(Deployment::id).findFirst().orElse(null);
    }

    /** Sets how many tasks run, on the service's current task definition: no new deployment. */
    void scale(int tasks) {
        AwsCall.make("ecs:UpdateService", () -> aws.ecs().updateService(b -> b.cluster(cluster).service(service).desiredCount(tasks)));
    }

    void awaitCompleted(String taskDefinitionArn) throws DeployFailure {
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicReference<String> last = new AtomicReference<>("no answer yet");
        try {
            await("the deployment of " + taskDefinitionArn + " to complete").atMost(timeout).pollInterval(poll).pollDelay(Duration.ZERO).ignoreExceptionsMatching(e -> e instanceof SdkException)
                    .until(() -> {
                        Optional<String> problem = check(taskDefinitionArn, last);
                        problem.ifPresent(failure::set);
                        return problem.isPresent() || last.get().startsWith("COMPLETED");
                    });
        } catch (ConditionTimeoutException e) {
            throw new DeployFailure("the deployment of " + taskDefinitionArn + " was not stable within " + timeout.toSeconds() + " s (last: "
                    + last.get() + ")");
        }
        if (failure.get() != null) {
            throw new DeployFailure(failure.get());
        }
    }

    private Optional<String> check(String taskDefinitionArn, AtomicReference<String> last) throws DeployFailure {
        Service s = describe();
        Optional<Deployment> ours = s.deployments().stream().filter(d -> deploymentId == null ? taskDefinitionArn.equals(d.taskDefinition())
                : deploymentId.equals(d.id())).findFirst();
        if (ours.isEmpty()) {
            return Optional.of("the deployment of " + taskDefinitionArn + " disappeared (rolled back by ECS?)");
        }
        Deployment d = ours.get();
        last.set(d.rolloutStateAsString() + ", " + d.runningCount() + " of " + d.desiredCount() + " running");
        if (d.rolloutState() == DeploymentRolloutState.FAILED) {
            return Optional.of("the deployment failed: " + d.rolloutStateReason());
        }
        Optional<Deployment> primary = s.deployments().stream().filter(x -> "PRIMARY".equals(x.status())).findFirst();
        if (primary.isPresent() && !primary.get().taskDefinition().equals(taskDefinitionArn)) {
            return Optional.of("ECS rolled the service back to " + primary.get().taskDefinition() + ": " + primary.get().rolloutStateReason());
        }
        Optional<String> stopped = stoppedTask(taskDefinitionArn);
        if (stopped.isPresent()) {
            return stopped;
        }
        if (d.rolloutState() == DeploymentRolloutState.COMPLETED && !d.runningCount().equals(d.desiredCount())) {
            last.set("COMPLETED but " + d.runningCount() + " of " + d.desiredCount() + " running");
            return Optional.of("the deployment completed with " + d.runningCount() + " of " + d.desiredCount() + " tasks running");
        }
        return Optional.empty();
    }

    /** A task of this revision that started and then stopped: the failure the circuit breaker may not count. */
    private Optional<String> stoppedTask(String taskDefinitionArn) {
        List<String> arns = AwsCall.make("ecs:ListTasks", () -> aws.ecs().listTasks(b -> b.cluster(cluster).serviceName(service)
                .desiredStatus(DesiredStatus.STOPPED))).taskArns();
        if (arns.isEmpty()) {
            return Optional.empty();
        }
        for (Task t : AwsCall.make("ecs:DescribeTasks", () -> aws.ecs().describeTasks(b -> b.cluster(cluster).tasks(arns))).tasks()) {
            if (taskDefinitionArn.equals(t.taskDefinitionArn())) {
                String exit = t.containers().stream().filter(c -> c.exitCode() != null).map(c -> c.name() + " exited with " + c.exitCode())
                        .findFirst().orElse("no exit code");
                return Optional.of("task " + t.taskArn() + " of the new revision stopped: " + t.stoppedReason() + " (" + exit + ")");
            }
        }
        return Optional.empty();
    }

    /** The public IP of a running task of this revision (Fargate with a public IP: task ENI, then EC2). */
    String publicIpOfTask(String taskDefinitionArn) throws DeployFailure {
        List<String> arns = AwsCall.make("ecs:ListTasks", () -> aws.ecs().listTasks(b -> b.cluster(cluster).serviceName(service)
                .desiredStatus(DesiredStatus.RUNNING))).taskArns();
        if (arns.isEmpty()) {
            throw new DeployFailure("no running task of service " + service);
        }
        for (Task t : AwsCall.make("ecs:DescribeTasks", () -> aws.ecs().describeTasks(b -> b.cluster(cluster).tasks(arns))).tasks()) {
            if (!taskDefinitionArn.equals(t.taskDefinitionArn())) {
                continue;
            }
            Optional<String> eni = t.attachments().stream().filter(a -> "ElasticNetworkInterface".equals(a.type()))
                    .flatMap(a -> a.details().stream()).filter(kv -> "networkInterfaceId".equals(kv.name())).map(kv -> kv.value()).findFirst();
            if (eni.isPresent()) {
                List<NetworkInterface> nis = AwsCall.make("ec2:DescribeNetworkInterfaces", () -> aws.ec2().describeNetworkInterfaces(
                        b -> b.networkInterfaceIds(eni.get()))).networkInterfaces();
                Optional<String> ip = nis.stream().filter(n -> n.association() != null && n.association().publicIp() != null)
                        .map(n -> n.association().publicIp()).findFirst();
                if (ip.isPresent()) {
                    return ip.get();
                }
            }
        }
        throw new DeployFailure("no running task of " + taskDefinitionArn + " has a public IP (fix: assignPublicIp ENABLED in a public subnet,"
                + " or set target.baseUrl to the load balancer)");
    }
}
