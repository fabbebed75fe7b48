package com.driftsentry.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.CloudMapOptions;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.servicediscovery.DnsRecordType;
import software.constructs.Construct;

/**
 * One stage: a VPC of public subnets (tasks with public addresses, so no NAT gateway) and isolated
 * ones (the database), the Fargate service driftgate deploys to (circuit breaker with rollback,
 * non-root, read-only root filesystem, secrets from Secrets Manager only), Redis as a sidecar in the
 * task (no ElastiCache), RDS PostgreSQL reachable from the tasks only, and {@link StageMonitoring}.
 * An always-on stage is reached through {@link ApiEntryPoint} (one HTTPS address, no load balancer); a gate-only
 * stage's gates reach its one task's address (docs/AWS-SETUP.md says what that means).
 */
public final class StageStack extends Stack {
    static final int PORT = 3002;

    final FargateService service;
    final StageDatabase database;
    final LogGroup logs;

    public StageStack(Construct scope, String id, StackProps props, StageSettings s, IRepository images, String stateBucket,
                      Optional<? extends IRepository> generatorImages) {
        super(scope, id, props);
        Vpc vpc = Vpc.Builder.create(this, "Network").maxAzs(2).natGateways(0).subnetConfiguration(List.of(
                SubnetConfiguration.builder().name("tasks").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build())).build();
        SecurityGroup tasks = SecurityGroup.Builder.create(this, "Tasks").vpc(vpc).description("DriftSentry API tasks").build();
        // A gate-only stage has no entry point (its $1.00 cap has no room for one): the gates reach its one task directly.
        ApiEntryPoint entry = s.gateOnly() ? null : new ApiEntryPoint(this, "Entry", s, vpc, tasks);
        if (entry == null) {
            tasks.addIngressRule(Peer.anyIpv4(), Port.tcp(PORT), "the API, and the gates that judge it");
        }
        this.database = s.gateOnly() ? StageDatabase.sidecar() : StageDatabase.rds(this, s, vpc, tasks);
        s.secrets().forEach(name -> software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "Secret-" + name.replace('/', '-'))
                .secretName(name).description("Set by the operator (docs/AWS-SETUP.md); generated until then")
                .generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(40).build()).build());

        this.logs = LogGroup.Builder.create(this, "Logs").logGroupName("/driftsentry/" + s.stage())
                .retention(retention(s.logRetentionDays())).removalPolicy(RemovalPolicy.DESTROY).build();
        Role execution = Role.Builder.create(this, "Execution").roleName(roleName(s, "execution"))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com")).build();
        Role taskRole = Role.Builder.create(this, "TaskRole").roleName(roleName(s, "task"))
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com")).description("the API's own calls: none yet").build();
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, "Task").family("driftsentry-" + s.stage())
                .cpu(s.cpu()).memoryLimitMiB(s.memoryMiB()).executionRole(execution).taskRole(taskRole)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        ContainerDefinition api = task.addContainer("api", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromEcrRepository(images, "bootstrap")).user("10001:10001").readonlyRootFilesystem(true)
                .portMappings(List.of(PortMapping.builder().containerPort(PORT).build()))
                .environment(environment(database))
                .secrets(database.secrets)
                // The image's own check (reference-service/Dockerfile): the JRE's HTTP client, the image has no curl or wget.
                .healthCheck(HealthCheck.builder().command(List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                                "/app/driftsentry-reference.jar", "com.driftsentry.reference.health.HealthCheck"))
                        .interval(Duration.seconds(10)).timeout(Duration.seconds(3)).startPeriod(Duration.seconds(60)).retries(3).build())
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("api").build()))
                .build());
        database.addTo(task, api, LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("postgres").build()));
        // Redis beside the API in the same task: the summary cache and rate limits need no ElastiCache bill.
        task.addContainer("redis", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/docker/library/redis:7.4-alpine"))
                .command(List.of("redis-server", "--save", "", "--appendonly", "no")).user("999:999").readonlyRootFilesystem(true)
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().logGroup(logs).streamPrefix("redis").build()))
                .build());

        Cluster cluster = Cluster.Builder.create(this, "Cluster").clusterName(s.cluster()).vpc(vpc).build();
        // The tasks keep their public addresses to pull images without a NAT gateway; with an entry point nothing else reaches them.
        FargateService.Builder builder = FargateService.Builder.create(this, "Service").serviceName(s.service()).cluster(cluster).taskDefinition(task)
                .desiredCount(s.restingTasks()).assignPublicIp(true).securityGroups(List.of(tasks))
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .minHealthyPercent(100).maxHealthyPercent(200);
        if (entry != null) {
            builder.cloudMapOptions(CloudMapOptions.builder().cloudMapNamespace(entry.namespace).name("api").dnsRecordType(DnsRecordType.SRV)
                    .container(api).containerPort(PORT).dnsTtl(Duration.seconds(10)).build());
        }
        this.service = builder.build();
        // The dashboard's origins may call the API from a browser: the environment file's, and the hosted page's CloudFront domain.
        List<String> origins = new ArrayList<>(s.corsOrigins());
        if (entry != null) {
            HttpApi httpApi = entry.front(this.service.getCloudMapService(), s);
            origins.add(new DashboardHosting(this, "Dashboard", s, httpApi.getApiEndpoint()).origin());
        }
        if (!origins.isEmpty()) {
            api.addEnvironment("DRIFTSENTRY_CORS_ORIGINS", String.join(",", origins));
        }
        new StageMonitoring(this, "Monitoring", s, service, logs);
        s.generators().ifPresent(g -> new LoadGenerators(this, "LoadGenerators", s, g, generatorImages.orElseThrow(), stateBucket, logs));
        Tags.of(this).add("project", "driftsentry");
        Tags.of(this).add("stage", s.stage());
    }

    /** In name order: CloudFormation keeps the order given, and the committed templates must not change from run to run. */
    private static Map<String, String> environment(StageDatabase database) {
        Map<String, String> env = new TreeMap<>(Map.of("DRIFTSENTRY_BIND_ADDRESS", "0.0.0.0", "PORT", Integer.toString(PORT),
                "REDIS_URL", "redis://127.0.0.1:6379"));
        env.putAll(database.environment);
        return env;
    }

    static String roleName(StageSettings s, String kind) {
        return "driftsentry-" + s.stage() + "-" + kind;
    }

    private static RetentionDays retention(int days) {
        return switch (days) {
            case 7 -> RetentionDays.ONE_WEEK;
            case 14 -> RetentionDays.TWO_WEEKS;
            case 30 -> RetentionDays.ONE_MONTH;
            case 90 -> RetentionDays.THREE_MONTHS;
            case 365 -> RetentionDays.ONE_YEAR;
            default -> throw new IllegalArgumentException("infra/stages.yaml: logRetentionDays: " + days
                    + " is not a retention CloudWatch offers here (fix: 7, 14, 30, 90 or 365)");
        };
    }
}
