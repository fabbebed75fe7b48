package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.AwsStandIn.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ECS service behind the stand-in, as a small state machine: task definitions by ARN, the
 * service's deployments, and how a new deployment goes (completes after some polls, fails by the
 * circuit breaker, hangs, has a task that starts and exits), the task's network interface. Knobs are
 * plain fields the tests set. moto cannot serve this part: its deployments never progress and its
 * services start no tasks (shared/notes/moto.md).
 */
final class EcsFake {
    static final String ACCOUNT = "123456789012";
    static final String REPO = ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/driftsentry";
    static final String FAMILY_ARN = "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/driftsentry:";

    enum Rollout { COMPLETES, CIRCUIT_BREAKER, HANGS, TASK_EXITS }

    Rollout rollout = Rollout.COMPLETES;
    int pollsToComplete = 2;
    int throttleDescribes = 0;
    boolean refuseRollback = false;
    int port = 3002;

    private final Map<String, Map<String, Object>> taskDefinitions = new LinkedHashMap<>();
    private final List<Map<String, Object>> deployments = new ArrayList<>();
    private final AtomicInteger revision = new AtomicInteger(7);
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private String serviceTaskDefinition;
    final List<String> updates = new ArrayList<>();
    /** The desired count after each UpdateService: what a gate-only stage runs, and that it rests again. */
    final List<Integer> desiredCounts = new ArrayList<>();
    int desired = 1;

    EcsFake(AwsStandIn aws, String servingTag) {
        serviceTaskDefinition = register(REPO + ":" + servingTag);
        deployments.add(deployment("ecs-svc/1", serviceTaskDefinition, "PRIMARY", "COMPLETED", 1));
        aws.on("DescribeServices", r -> throttled.incrementAndGet() <= throttleDescribes
                        ? Answer.error("ThrottlingException", "Rate exceeded") : Answer.json(Map.of("services", List.of(service()), "failures", List.of())))
                .on("DescribeTaskDefinition", r -> Answer.json(Map.of("taskDefinition", taskDefinitions.get(r.get("taskDefinition").asText()))))
                .on("RegisterTaskDefinition", r -> Answer.json(Map.of("taskDefinition",
                        taskDefinitions.get(register(r.get("containerDefinitions").get(0).get("image").asText())))))
                .on("UpdateService", r -> r.has("taskDefinition") ? update(r.get("taskDefinition").asText(), r.path("desiredCount").asInt(desired))
                        : scale(r.get("desiredCount").asInt()))
                .on("ListTasks", r -> Answer.json(Map.of("taskArns", "STOPPED".equals(r.path("desiredStatus").asText())
                        ? (rollout == Rollout.TASK_EXITS && polls.get() > 0 ? List.of("arn:task/stopped") : List.of()) : List.of("arn:task/running"))))
                .on("DescribeTasks", r -> Answer.json(Map.of("tasks", List.of(task(r.get("tasks").get(0).asText())), "failures", List.of())))
                .on("DescribeNetworkInterfaces", r -> Answer.xml("<DescribeNetworkInterfacesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                        + "<requestId>1</requestId><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>"
                        + "<association><publicIp>127.0.0.1</publicIp></association></item></networkInterfaceSet></DescribeNetworkInterfacesResponse>"));
    }

    String servingTaskDefinition() {
        return serviceTaskDefinition;
    }

    /** The image tag the service's task definition runs now: what its tasks report as their version. */
    @SuppressWarnings("unchecked")
    synchronized String servingTag() {
        List<Map<String, Object>> containers = (List<Map<String, Object>>) taskDefinitions.get(serviceTaskDefinition).get("containerDefinitions");
        String image = (String) containers.get(0).get("image");
        return image.substring(image.lastIndexOf(':') + 1);
    }

    private String register(String image) {
        String arn = FAMILY_ARN + revision.getAndIncrement();
        Map<String, Object> td = new LinkedHashMap<>();
        td.put("taskDefinitionArn", arn);
        td.put("family", "driftsentry");
        td.put("networkMode", "awsvpc");
        td.put("requiresCompatibilities", List.of("FARGATE"));
        td.put("cpu", "256");
        td.put("memory", "512");
        td.put("containerDefinitions", List.of(Map.of("name", "api", "image", image, "essential", true,
                "portMappings", List.of(Map.of("containerPort", port, "protocol", "tcp")))));
        taskDefinitions.put(arn, td);
        return arn;
    }

    private synchronized Answer scale(int tasks) {
        desired = tasks;
        desiredCounts.add(tasks);
        deployments.get(0).put("desiredCount", tasks);
        deployments.get(0).put("runningCount", tasks);
        return Answer.json(Map.of("service", service()));
    }

    private synchronized Answer update(String taskDefinition, int tasks) {
        boolean rollback = updates.size() > 0;
        updates.add(taskDefinition);
        desired = tasks;
        desiredCounts.add(tasks);
        if (rollback && refuseRollback) {
            return Answer.error("ClientException", "TaskDefinition is inactive");
        }
        deployments.forEach(d -> d.put("status", "ACTIVE"));
        polls.set(0);
        serviceTaskDefinition = taskDefinition;
        deployments.add(0, deployment("ecs-svc/" + (deployments.size() + 1), taskDefinition, "PRIMARY", "IN_PROGRESS", 0));
        deployments.get(0).put("desiredCount", tasks);
        return Answer.json(Map.of("service", service()));
    }

    private synchronized Map<String, Object> service() {
        Map<String, Object> primary = deployments.get(0);
        if ("IN_PROGRESS".equals(primary.get("rolloutState")) && polls.incrementAndGet() >= pollsToComplete) {
            boolean rollbackDeployment = updates.size() > 1;
            switch (rollbackDeployment ? Rollout.COMPLETES : rollout) {
                case COMPLETES -> {
                    primary.put("rolloutState", "COMPLETED");
                    primary.put("runningCount", desired);
                }
                case CIRCUIT_BREAKER -> {
                    primary.put("rolloutState", "FAILED");
                    primary.put("rolloutStateReason", "ECS deployment circuit breaker: tasks failed to start.");
                }
                case HANGS, TASK_EXITS -> { }
            }
        }
        return Map.of("serviceName", "svc", "clusterArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/c", "taskDefinition", serviceTaskDefinition,
                "desiredCount", desired, "runningCount", primary.get("runningCount"), "deployments", deployments);
    }

    private Map<String, Object> task(String arn) {
        boolean stopped = arn.contains("stopped");
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("taskArn", arn);
        t.put("taskDefinitionArn", serviceTaskDefinition);
        t.put("lastStatus", stopped ? "STOPPED" : "RUNNING");
        if (stopped) {
            t.put("stoppedReason", "Essential container in task exited");
            t.put("containers", List.of(Map.of("name", "api", "exitCode", 70)));
        }
        t.put("attachments", List.of(Map.of("type", "ElasticNetworkInterface", "details", List.of(Map.of("name", "networkInterfaceId", "value", "eni-1")))));
        return t;
    }

    private static Map<String, Object> deployment(String id, String td, String status, String rollout, int running) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("status", status);
        d.put("taskDefinition", td);
        d.put("desiredCount", 1);
        d.put("runningCount", running);
        d.put("rolloutState", rollout);
        d.put("rolloutStateReason", "");
        return d;
    }
}
