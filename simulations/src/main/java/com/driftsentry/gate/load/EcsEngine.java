package com.driftsentry.gate.load;

import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.aws.TaskRevision;
import com.driftsentry.gate.environment.PlatformSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The {@code ecs} engine: each generator a Fargate task of {@code gates.load.generators.taskDefinition} on the stage's
 * cluster, in its service's subnets and security groups (read from the service), started by RunTask with its index, the
 * run id and the target as {@code JAVA_TOOL_OPTIONS} in the container's environment; the image runs
 * {@code EnvironmentSimulation}, so the switches name everything. No key is ever put in an override (anyone who may
 * describe the task could read it): a generator resolves the environment file's {@code target.apiKey} in its task, with
 * its task role. Every task is stopped (StopTask) when the coordinator ends, however it ends.
 */
final class EcsEngine implements GeneratorEngine {
    /** What a generator runs in its container: one environment variable the JVM reads itself. */
    static final String OPTIONS_VARIABLE = "JAVA_TOOL_OPTIONS";
    /**
     * The generator image of this build (the deploy workflow pushes it for the commit): the generators run the coordinator's
     * own code, so their evidence is what this coordinator reads. Unset: whatever image the task definition names.
     */
    static final String IMAGE_VARIABLE = "DRIFTGATE_GENERATOR_IMAGE";
    /** Every generator task carries it: the deploy role may StopTask only tasks tagged so (infra/: DeployRole). */
    static final String ROLE_TAG = "driftgate-role";
    static final String GENERATOR_ROLE = "load-generator";
    // DescribeTasks is asked at most this often, however often the coordinator looks (ECS throttles its API).
    private static final Duration LOOK = Duration.ofSeconds(2);

    private final EcsClient ecs;
    private final String cluster;
    private final String runId;
    private final List<String> tasks = new ArrayList<>();
    private final Map<String, Task> seen = new HashMap<>();
    // Asked to stop once: the shutdown hook's close after the coordinator's own repeats no StopTask.
    private final Set<String> stopAsked = new HashSet<>();
    private Instant looked = Instant.MIN;

    private EcsEngine(EcsClient ecs, String cluster, String runId) {
        this.ecs = ecs;
        this.cluster = cluster;
        this.runId = runId;
    }

    static EcsEngine start(LoadPlan plan, String runId, LoadTarget target, int count) {
        PlatformSettings.Ecs platform = (PlatformSettings.Ecs) plan.environment().deploy().platform();
        EcsClient ecs = AwsClientFactory.configure(EcsClient.builder(), platform.common().region(), AwsClientFactory.endpoint()).build();
        List<String> options = IntStream.range(0, count).mapToObj(i -> GeneratorSwitches.of(plan, runId, target.baseUrl(), i, count)).toList();
        Optional<String> image = Optional.ofNullable(System.getenv(IMAGE_VARIABLE)).filter(i -> !i.isBlank()).map(String::strip);
        return start(ecs, platform.cluster().orElseThrow(), platform.service().orElseThrow(), plan.load().generators().taskDefinition().orElseThrow(),
                runId, options, image);
    }

    /**
     * One task of {@code taskDefinition} per entry of {@code options} (that generator's JAVA_TOOL_OPTIONS), in {@code service}'s
     * network; with {@code image}, of a revision whose container runs that image (registered when the latest runs another).
     */
    static EcsEngine start(EcsClient ecs, String cluster, String service, String taskDefinition, String runId, List<String> options,
                           Optional<String> image) {
        EcsEngine engine = new EcsEngine(ecs, cluster, runId);
        Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "generators-stop"));
        String action = "ecs:DescribeTaskDefinition";
        try {
            TaskDefinition definition = ecs.describeTaskDefinition(b -> b.taskDefinition(taskDefinition)).taskDefinition();
            String container = definition.containerDefinitions().get(0).name();
            String revision = definition.taskDefinitionArn();
            if (image.isPresent() && !image.get().equals(definition.containerDefinitions().get(0).image())) {
                action = "ecs:RegisterTaskDefinition";
                revision = TaskRevision.register(ecs, definition, container, image.get());
                System.out.println("driftgate load: generator image " + image.get() + ": registered " + revision);
            }
            String run = revision;
            action = "ecs:DescribeServices";
            NetworkConfiguration network = ecs.describeServices(b -> b.cluster(cluster).services(service)).services().stream().findFirst()
                    .map(s -> s.networkConfiguration()).orElseThrow(() -> new IllegalStateException("service " + service + " is not on " + cluster));
            action = "ecs:RunTask";
            for (int i = 0; i < options.size(); i++) {
                String own = options.get(i);
                RunTaskResponse r = ecs.runTask(b -> b.cluster(cluster).taskDefinition(run).launchType(LaunchType.FARGATE).count(1)
                        .networkConfiguration(network).startedBy(runId).tags(t -> t.key(ROLE_TAG).value(GENERATOR_ROLE))
                        .overrides(o -> o.containerOverrides(c -> c.name(container).environment(e -> e.name(OPTIONS_VARIABLE).value(own)))));
                if (r.tasks().isEmpty()) {
                    String why = r.failures().isEmpty() ? "no task and no failure" : r.failures().get(0).reason() + " (" + r.failures().get(0).arn() + ")";
                    throw new IllegalStateException("ecs:RunTask of generator " + i + " on " + cluster + " started no task: " + why);
                }
                engine.tasks.add(r.tasks().get(0).taskArn());
            }
        } catch (SdkException e) {
            engine.close();
            throw new IllegalStateException("the generators' tasks could not start: " + AwsCall.problem(action, e,
                    "check gates.load.generators.taskDefinition (" + taskDefinition + "), platform.cluster and platform.service"), e);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        System.out.println("driftgate load: generator tasks on " + cluster + ": " + String.join(", ", engine.tasks));
        return engine;
    }

    @Override
    public synchronized Optional<String> gone(int i) {
        refresh();
        return Optional.ofNullable(seen.get(tasks.get(i))).filter(t -> "STOPPED".equals(t.lastStatus()))
                .map(t -> "(task " + t.taskArn() + ") stopped: " + Optional.ofNullable(t.stoppedReason()).orElse("no reason given")
                        + t.containers().stream().findFirst().map(c -> c.exitCode() == null ? "" : ", exited with " + c.exitCode()).orElse(""));
    }

    @Override
    public boolean awaitAll(Duration within) {
        try {
            await("the generator tasks of " + runId + " to stop").atMost(within).pollInterval(LOOK)
                    .until(() -> tasks.isEmpty() || IntStream.range(0, tasks.size()).allMatch(i -> gone(i).isPresent()));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** StopTask for each task not seen stopped; a refusal is said, and the next task is still stopped. */
    @Override
    public synchronized void close() {
        for (String task : tasks) {
            Task last = seen.get(task);
            if (last != null && "STOPPED".equals(last.lastStatus()) || !stopAsked.add(task)) {
                continue;
            }
            try {
                ecs.stopTask(b -> b.cluster(cluster).task(task).reason("driftgate: load run " + runId + " ended"));
                seen.remove(task);
            } catch (SdkException e) {
                System.err.println("driftgate load: WARNING: " + AwsCall.problem("ecs:StopTask", e, "stop " + task + " by hand: aws ecs stop-task "
                        + "--cluster " + cluster + " --task " + task));
            }
        }
        looked = Instant.MIN;
    }

    private void refresh() {
        if (tasks.isEmpty() || Duration.between(looked, Instant.now()).compareTo(LOOK) < 0) {
            return;
        }
        looked = Instant.now();
        try {
            ecs.describeTasks(b -> b.cluster(cluster).tasks(tasks)).tasks().forEach(t -> seen.put(t.taskArn(), t));
        } catch (SdkException e) {
            // A look that failed says nothing about the generators: the store's intervals still show whether they work.
            System.err.println("driftgate load: " + AwsCall.problem("ecs:DescribeTasks", e, "the next look asks again"));
        }
    }
}
