package com.driftsentry.gate.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.aws.AwsClientFactory;
import com.driftsentry.gate.testing.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/**
 * The ecs engine's calls as moto's ECS (an implementation no one here wrote) takes them: RunTask on Fargate in the
 * service's network with each generator's switches in its container override, DescribeTasks, StopTask. moto's tasks
 * never run, so what a task does is {@code EcsGeneratorsTest}'s, against our stand-in.
 */
class EcsEngineOnMotoTest {
    private static final String CLUSTER = "driftsentry-staging";
    private static final String SERVICE = "driftsentry-backend-staging";
    private static final String GENERATOR = "DriftSentry-staging-load-generator";
    private static final String IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/driftsentry-load-generator:0c1d2e3f";

    @Test
    void eachGeneratorIsAFargateTaskInTheServicesNetworkWithItsOwnSwitchesAndEveryOneIsStopped() throws Exception {
        MotoServer moto = MotoServer.fresh();
        try (EcsClient ecs = AwsClientFactory.configure(EcsClient.builder(), "us-east-1", Optional.of(URI.create(moto.endpoint()))).build()) {
            String[] network = stage(moto, ecs);
            EcsEngine engine = EcsEngine.start(ecs, CLUSTER, SERVICE, GENERATOR, "run-0a1b2c3d",
                    List.of("-Denv=staging -Dgate.generator.index=0", "-Denv=staging -Dgate.generator.index=1"), Optional.of(IMAGE));
            // The build's generator image: a revision of the family with it, its roles and sizes kept, is what the tasks run.
            var revision = ecs.describeTaskDefinition(b -> b.taskDefinition(GENERATOR)).taskDefinition();
            assertEquals(2, revision.revision());
            assertEquals(IMAGE, revision.containerDefinitions().get(0).image());
            assertEquals("1024", revision.cpu());
            List<Task> tasks = ecs.describeTasks(b -> b.cluster(CLUSTER).include(TaskField.TAGS)
                    .tasks(ecs.listTasks(l -> l.cluster(CLUSTER)).taskArns())).tasks();
            assertEquals(2, tasks.size());
            for (Task task : tasks) {
                assertEquals(LaunchType.FARGATE, task.launchType());
                assertTrue(task.tags().stream().anyMatch(t -> t.key().equals("driftgate-role") && t.value().equals("load-generator")),
                        "tagged, so that the deploy role may stop it: " + task.tags());
                assertEquals("run-0a1b2c3d", task.startedBy());
                assertEquals(revision.taskDefinitionArn(), task.taskDefinitionArn());
                String options = task.overrides().containerOverrides().get(0).environment().get(0).value();
                assertTrue(options.matches("-Denv=staging -Dgate.generator.index=[01]"), options);
                assertEquals("generator", task.overrides().containerOverrides().get(0).name(), "the task definition's container");
                assertTrue(task.attachments().toString().contains(network[0]), "in the service's subnet: " + task.attachments());
            }
            assertTrue(engine.gone(0).isEmpty() && engine.gone(1).isEmpty(), "running");

            engine.close();
            assertTrue(engine.awaitAll(java.time.Duration.ofSeconds(10)), "every task stopped");
            String gone = engine.gone(0).orElseThrow();
            assertTrue(gone.contains("stopped: driftgate: load run run-0a1b2c3d ended"), gone);
        }
    }

    @Test
    void aTaskDefinitionThatDoesNotExistNamesTheCallAndTheSetting() throws Exception {
        MotoServer moto = MotoServer.fresh();
        try (EcsClient ecs = AwsClientFactory.configure(EcsClient.builder(), "us-east-1", Optional.of(URI.create(moto.endpoint()))).build()) {
            stage(moto, ecs);
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EcsEngine.start(ecs, CLUSTER, SERVICE, "no-such-generator", "run-0a1b2c3d", List.of("-Denv=staging"),
                            Optional.of(IMAGE)));
            assertTrue(e.getMessage().startsWith("the generators' tasks could not start: ecs:DescribeTaskDefinition failed: ")
                    && e.getMessage().contains("gates.load.generators.taskDefinition (no-such-generator)"), e.getMessage());
            assertEquals(List.of(), ecs.listTasks(l -> l.cluster(CLUSTER)).taskArns(), "no task started");
        }
    }

    /** A VPC (moto's Fargate RunTask wants DNS host names), the cluster, the generator's task definition and the stage's service. */
    private static String[] stage(MotoServer moto, EcsClient ecs) throws Exception {
        String script = """
                import boto3, sys
                ec2 = boto3.client("ec2", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="AKIDMOTO", aws_secret_access_key="moto-secret")
                vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
                ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
                subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
                sg = ec2.create_security_group(GroupName="backend", Description="backend", VpcId=vpc)["GroupId"]
                print(subnet, sg)
                """;
        Process p = new ProcessBuilder("python3", "-c", script, moto.endpoint()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "boto3 set the VPC up");
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.exitValue(), out);
        String[] network = out.split(" ");
        ecs.createCluster(b -> b.clusterName(CLUSTER));
        ecs.registerTaskDefinition(b -> b.family(GENERATOR).requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu("1024").memory("2048").containerDefinitions(c -> c.name("generator").image("driftsentry-load-generator:1").memory(2048)));
        ecs.registerTaskDefinition(b -> b.family("backend").requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC)
                .cpu("256").memory("512").containerDefinitions(c -> c.name("backend").image("driftsentry:1").memory(512)));
        ecs.createService(b -> b.cluster(CLUSTER).serviceName(SERVICE).taskDefinition("backend").desiredCount(0).launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(network[0]).securityGroups(network[1]))));
        return network;
    }
}
