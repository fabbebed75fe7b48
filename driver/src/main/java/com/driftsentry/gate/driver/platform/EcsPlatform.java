package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.aws.AwsCall;
import com.driftsentry.gate.driver.gates.AlarmsGate;
import com.driftsentry.gate.driver.gates.BudgetGate;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.driver.gates.ImageSizeGate;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.PlatformSettings;
import com.driftsentry.gate.environment.StagePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A rolling deployment of an ECS service: register a revision of the serving task definition that
 * differs only in the image, update the service to it, and wait (via {@link EcsRollout}) until
 * the deployment completes or fails. Restoring is the same move back to the noted revision. Before
 * a promotion the named CloudWatch alarms, the month's AWS Budgets spend and the image's size in
 * ECR are checked. Tested with the real SDK clients against a local stand-in (see docs/gates.md).
 */
public final class EcsPlatform implements Platform {
    private static final String NAMES = "check platform.cluster, platform.service and platform.region";
    private final Environment env;
    private final PlatformSettings.Ecs settings;
    private final AwsClients aws;
    private final String cluster;
    private final String service;
    private final EcsRollout rollout;
    private Release serving;
    private boolean closed;
    private String probeCache;
    private long probeCachedAt;

    EcsPlatform(Environment env, PlatformSettings.Ecs settings, AwsClients aws, String cluster, String service, Duration poll) {
        this.env = env;
        this.settings = settings;
        this.aws = aws;
        this.cluster = cluster;
        this.service = service;
        this.rollout = new EcsRollout(aws, cluster, service, settings.common().stableTimeout(), poll);
    }

    static EcsPlatform create(Environment env, PlatformSettings.Ecs p) {
        String cluster = p.cluster().orElseThrow(() -> ConfigError.at(env.file(), "platform.cluster", "is required for ecs"));
        String service = p.service().orElseThrow(() -> ConfigError.at(env.file(), "platform.service", "is required for ecs"));
        // How often the rollout is polled; tests against the stand-in poll fast.
        String pollSetting = System.getProperty("gate.ecs.pollMillis", System.getenv().getOrDefault("DRIFTGATE_ECS_POLL_MS", "5000"));
        Duration poll = Duration.ofMillis(Long.parseLong(pollSetting));
        return new EcsPlatform(env, p, AwsClients.create(p.common().region()), cluster, service, poll);
    }

    @Override
    public Optional<Release> serving() {
        if (serving == null) {
            try {
                TaskDefinition td = rollout.taskDefinition(rollout.describe().taskDefinition());
                String image = container(td).image();
                Release r = Release.parse(image);
                serving = (r == null ? new Release(image, image, null) : r).withRevision(td.taskDefinitionArn());
            } catch (SdkException e) {
                throw new ConfigError("platform: could not read ECS service " + service + " in cluster " + cluster + ": "
                        + AwsCall.problem("ecs:DescribeServices", e, NAMES));
            } catch (DeployFailure e) {
                throw new ConfigError("platform: " + e.getMessage() + " (fix: " + NAMES + ")");
            }
        }
        return Optional.of(serving);
    }

    @Override
    public String serviceUrl() {
        return env.target().baseUrl() != null ? env.target().baseUrl() : "(per task: no fixed address)";
    }

    @Override
    public String probeAddress() {
        if (env.target().baseUrl() != null) {
            return env.target().baseUrl();
        }
        // No load balancer: a user reaches whichever task is running; refreshed at most every 5 s as tasks are replaced.
        long now = System.nanoTime();
        if (probeCache == null || now - probeCachedAt > 5_000_000_000L) {
            try {
                Release current = new Release("service", "service", rollout.describe().taskDefinition());
                probeCache = endpoint(current).baseUrl();
            } catch (DeployFailure | SdkException e) {
                probeCache = null;
            }
            probeCachedAt = now;
        }
        return probeCache;
    }

    @Override
    public Release deploy(Release candidate) throws DeployFailure {
        try {
            TaskDefinition current = rollout.taskDefinition(serving().orElseThrow().revision());
            String arn = rollout.register(current, container(current).name(), candidate.image());
            rollout.update(arn, gatedTasks());
            return candidate.withRevision(arn);
        } catch (SdkException e) {
            throw new DeployFailure("the deployment of " + candidate + " could not be started: " + e.getMessage());
        }
    }

    @Override
    public void awaitStable(Release candidate) throws DeployFailure {
        rollout.awaitCompleted(candidate.revision());
    }

    @Override
    public Endpoint endpoint(Release candidate) throws DeployFailure {
        String key = env.target().apiKey();
        if (env.target().baseUrl() != null) {
            return new Endpoint(env.target().baseUrl(), key, Optional.empty());
        }
        ContainerDefinition app = container(rollout.taskDefinition(candidate.revision()));
        int port = app.portMappings().isEmpty() ? 80 : app.portMappings().get(0).containerPort();
        return new Endpoint("http://" + rollout.publicIpOfTask(candidate.revision()) + ":" + port, key, Optional.empty());
    }

    @Override
    public void promote(Release candidate) {
        // The rolling deployment already replaced the old tasks; the candidate serves once it completed.
        serving = candidate;
    }

    @Override
    public void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure {
        try {
            rollout.update(release.revision(), gatedTasks());
        } catch (SdkException e) {
            throw new DeployFailure("ECS refused the rollback to " + release + ": " + e.getMessage());
        }
        rollout.awaitCompleted(release.revision());
        serving = release;
    }

    @Override
    public StagePolicy policy() {
        return settings.policy();
    }

    @Override
    public void rest() throws DeployFailure {
        if (policy().rests()) {
            try {
                rollout.scale(0);
            } catch (SdkException e) {
                throw new DeployFailure("ECS refused to scale " + service + " back to 0 tasks: " + e.getMessage()
                        + " (it bills until it does: aws ecs update-service --cluster " + cluster + " --service " + service + " --desired-count 0)");
            }
        }
    }

    /** A gate-only stage runs its gated task count for a deployment; any other keeps the count it has. */
    private Integer gatedTasks() {
        return policy().rests() ? settings.gateOnlyTasks() : null;
    }

    @Override
    public List<Gate> promotionChecks(Release candidate) {
        List<Gate> checks = new ArrayList<>();
        if (!env.deploy().alarms().isEmpty()) {
            checks.add(new AlarmsGate(aws.cloudWatch(), env.deploy().alarms(), env.name()));
        }
        env.deploy().budget().ifPresent(b -> checks.add(new BudgetGate(aws.budgets(), accountOf(candidate), b, env.name())));
        checks.add(new ImageSizeGate(aws.ecr(), candidate.image(), settings.maxImageBytes(), env.name()));
        return checks;
    }

    @Override
    public Optional<String> lost(Release release) {
        try {
            Service s = rollout.describe();
            return s.taskDefinition().equals(release.revision()) ? Optional.empty()
                    : Optional.of("the service moved off " + release + " (now " + s.taskDefinition() + ")");
        } catch (SdkException | DeployFailure e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> plan(Release candidate) {
        return List.of("read service " + service + " in cluster " + cluster + " (" + settings.common().region() + ") and note its task definition",
                "register a revision of it that differs only in the image: " + candidate.image(),
                "update the service to it" + (policy().rests() ? " with " + settings.gateOnlyTasks() + " task(s) (it rests at 0)" : "") + " and wait for the deployment to COMPLETE (at most "
                        + settings.common().stableTimeout().toMinutes() + " min; FAILED, a circuit-breaker rollback or stopped tasks fail it)",
                "on FAIL update the service back to the noted revision and wait again"
                        + (policy().rests() ? "; then (gate-only: platform.gateOnly) scale the service back to 0 tasks" : ""));
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            aws.close();
        }
    }

    private String accountOf(Release candidate) {
        String arn = candidate.revision() != null ? candidate.revision() : serving().map(Release::revision).orElse("");
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }

    private static ContainerDefinition container(TaskDefinition td) {
        // The first essential container is the application; sidecars (log routers, agents) come after it.
        return td.containerDefinitions().stream().filter(c -> c.essential() == null || c.essential()).findFirst()
                .orElse(td.containerDefinitions().get(0));
    }
}
