package com.driftsentry.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.CredentialsBaseOptions;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.amazon.awscdk.services.rds.StorageType;
import software.constructs.Construct;

/**
 * Where a stage's PostgreSQL runs and how the API reaches it: RDS (the smallest class, private,
 * encrypted, reachable from the tasks only), or, for a gate-only stage, a container in the task
 * itself that listens on 127.0.0.1 only and starts empty with each task (the gates seed what they need).
 */
final class StageDatabase {
    final Map<String, String> environment;
    final Map<String, Secret> secrets;
    final DatabaseInstance instance;
    private final boolean sidecar;

    private StageDatabase(Map<String, String> environment, Map<String, Secret> secrets, DatabaseInstance instance, boolean sidecar) {
        this.environment = environment;
        this.secrets = secrets;
        this.instance = instance;
        this.sidecar = sidecar;
    }

    /**
     * A minor version RDS creates instances of today. A bare major ("16") names RDS's default minor for it, and
     * cfn-lint 1.51.0 (W3691) lists 16 and 16.1 to 16.5 and 16.7 as deprecated: "cannot be used to create new RDS DB
     * instances". 16.13 is the newest 16.x in cfn-lint 1.51.0's RDS engine-version table
     * (cfnlint/data/schemas/extensions/aws_rds_dbinstance/engine_version.json). aws-cdk-lib 2.206.0 names minors only
     * up to VER_16_9, hence {@code of}.
     */
    static final PostgresEngineVersion POSTGRES = PostgresEngineVersion.of("16.13", "16");

    static StageDatabase rds(Construct scope, StageSettings s, Vpc vpc, SecurityGroup tasks) {
        SecurityGroup data = SecurityGroup.Builder.create(scope, "Data").vpc(vpc).allowAllOutbound(false)
                .description("PostgreSQL, from the API tasks only").build();
        data.addIngressRule(tasks, Port.tcp(5432), "the API tasks");
        DatabaseInstance db = DatabaseInstance.Builder.create(scope, "Database")
                .engine(DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder().version(POSTGRES).build()))
                .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.MICRO))
                .vpc(vpc).vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_ISOLATED).build()).securityGroups(List.of(data))
                .allocatedStorage(s.storageGb()).maxAllocatedStorage(s.storageGb()).storageType(StorageType.GP3)
                .backupRetention(Duration.days(s.backupDays())).multiAz(false).storageEncrypted(true).publiclyAccessible(false)
                .deletionProtection(s.production()).removalPolicy(s.production() ? RemovalPolicy.RETAIN : RemovalPolicy.SNAPSHOT)
                .databaseName("driftsentry")
                .credentials(Credentials.fromGeneratedSecret("driftsentry", CredentialsBaseOptions.builder()
                        .secretName("driftsentry/" + s.stage() + "/database").build()))
                .build();
        return new StageDatabase(Map.of("DATABASE_URL", "postgres://driftsentry@" + db.getDbInstanceEndpointAddress() + ":"
                + db.getDbInstanceEndpointPort() + "/driftsentry"),
                Map.of("DATABASE_PASSWORD", Secret.fromSecretsManager(db.getSecret(), "password")), db, false);
    }

    /** No password: the server listens on the task's loopback only, which no other task or address can reach. */
    static StageDatabase sidecar() {
        return new StageDatabase(Map.of("DATABASE_URL", "postgres://driftsentry@127.0.0.1:5432/driftsentry"), Map.of(), null, true);
    }

    /** Adds the sidecar (if any) to the task and makes the API wait until it is healthy. */
    void addTo(FargateTaskDefinition task, ContainerDefinition api, LogDriver logging) {
        if (!sidecar) {
            return;
        }
        task.addVolume(Volume.builder().name("pgdata").build());
        task.addVolume(Volume.builder().name("pgrun").build());
        // The image's entrypoint starts as root only to hand these two task volumes to its postgres user, then drops to it.
        ContainerDefinition db = task.addContainer("postgres", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry("public.ecr.aws/docker/library/postgres:16-alpine"))
                .environment(new TreeMap<>(Map.of("POSTGRES_USER", "driftsentry", "POSTGRES_DB", "driftsentry", "POSTGRES_HOST_AUTH_METHOD", "trust",
                        "PGDATA", "/var/lib/postgresql/data/pgdata")))
                .command(List.of("postgres", "-c", "listen_addresses=127.0.0.1")).readonlyRootFilesystem(true)
                .healthCheck(HealthCheck.builder().command(List.of("CMD", "pg_isready", "-h", "127.0.0.1", "-U", "driftsentry"))
                        .interval(Duration.seconds(5)).timeout(Duration.seconds(3)).retries(10).startPeriod(Duration.seconds(10)).build())
                .logging(logging).build());
        db.addMountPoints(MountPoint.builder().sourceVolume("pgdata").containerPath("/var/lib/postgresql/data").readOnly(false).build(),
                MountPoint.builder().sourceVolume("pgrun").containerPath("/var/run/postgresql").readOnly(false).build());
        api.addContainerDependencies(ContainerDependency.builder().container(db).condition(ContainerDependencyCondition.HEALTHY).build());
    }
}
