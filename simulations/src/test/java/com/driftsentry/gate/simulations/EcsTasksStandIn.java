package com.driftsentry.gate.simulations;

import com.driftsentry.gate.load.PinnedGatlingPreferences;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Our own stand-in for the part of ECS moto cannot do (its tasks never run): RunTask starts the generator as a local JVM
 * the way the generator image would (Gatling running {@code EnvironmentSimulation}, its switches in
 * {@code JAVA_TOOL_OPTIONS} from the request's container override, the task definition's environment beside them, the
 * image's working folder), DescribeTasks reports each process as a task (RUNNING, or STOPPED with its exit code), and
 * StopTask ends it. It speaks ECS's awsJson 1.1, so the engine under test is the real SDK client; every request body is
 * kept. The request shapes are checked against moto too (EcsEngineOnMotoTest).
 */
final class EcsTasksStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
    static final String TASK_DEFINITION_ARN = "arn:aws:ecs:us-east-1:123456789012:task-definition/";
    /**
     * A generator image built here (scripts/build-generator-image.sh) to run instead of the local JVM, as a container on the
     * host's network; the image folder's environments/ and the test's folder are mounted where the JVM would find them.
     * By hand only (docs/gates.md says how): CI builds no generator image.
     */
    private static final String CONTAINER_IMAGE = System.getProperty("gate.test.generatorImage", "");

    private final HttpServer server;
    private final Path image;
    private final Map<String, String> taskEnvironment;
    private final Map<String, Process> tasks = new LinkedHashMap<>();
    private final Map<String, String> stoppedReasons = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** {@code image}: the generator image's working folder (it holds environments/); {@code taskEnvironment}: what the task definition sets. */
    EcsTasksStandIn(Path image, Map<String, String> taskEnvironment) throws IOException {
        this.image = image;
        this.taskEnvironment = Map.copyOf(taskEnvironment);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The generator processes RunTask started, in order. */
    synchronized List<Process> started() {
        return new ArrayList<>(tasks.values());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        requests.add(target.replace(PREFIX, "") + " " + body);
        JsonNode request = JSON.readTree(body.isEmpty() ? "{}" : body);
        ObjectNode out = JSON.createObjectNode();
        switch (target.replace(PREFIX, "")) {
            case "DescribeTaskDefinition" -> out.putObject("taskDefinition").put("family", request.path("taskDefinition").asText())
                    .put("taskDefinitionArn", TASK_DEFINITION_ARN + request.path("taskDefinition").asText() + ":1")
                    .putArray("containerDefinitions").addObject().put("name", "generator").put("image", "driftsentry-load-generator:bootstrap");
            case "DescribeServices" -> out.putArray("services").addObject().put("serviceName", request.path("services").path(0).asText())
                    .putObject("networkConfiguration").putObject("awsvpcConfiguration").put("assignPublicIp", "DISABLED")
                    .<ObjectNode>set("subnets", JSON.createArrayNode().add("subnet-1")).set("securityGroups", JSON.createArrayNode().add("sg-1"));
            case "RunTask" -> {
                out.putArray("failures");
                out.putArray("tasks").add(task(run(request), "PROVISIONING"));
            }
            case "DescribeTasks" -> {
                ArrayNode found = out.putArray("tasks");
                request.path("tasks").forEach(arn -> found.add(task(arn.asText(), null)));
            }
            case "StopTask" -> out.set("task", task(stop(request.path("task").asText(), request.path("reason").asText()), null));
            default -> {
                reply(exchange, 400, "{\"__type\":\"InvalidParameterException\",\"message\":\"not in the stand-in: " + target + "\"}");
                return;
            }
        }
        reply(exchange, 200, JSON.writeValueAsString(out));
    }

    private synchronized String run(JsonNode request) throws IOException {
        String options = "";
        for (JsonNode variable : request.path("overrides").path("containerOverrides").path(0).path("environment")) {
            if (variable.path("name").asText().equals("JAVA_TOOL_OPTIONS")) {
                options = variable.path("value").asText();
            }
        }
        String arn = "arn:aws:ecs:us-east-1:123456789012:task/" + request.path("cluster").asText() + "/generator" + tasks.size();
        ProcessBuilder pb = CONTAINER_IMAGE.isEmpty() ? jvm() : container();
        pb.redirectErrorStream(true).redirectOutput(image.resolve("task-" + tasks.size() + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DRIFTSENTRY_") || k.startsWith("GATE_"));
        pb.environment().putAll(taskEnvironment);
        pb.environment().put("JAVA_TOOL_OPTIONS", options);
        tasks.put(arn, pb.start());
        return arn;
    }

    private ProcessBuilder jvm() {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", PinnedGatlingPreferences.JVM_OPTION, "-cp", System.getProperty("java.class.path"),
                "io.gatling.app.Gatling",
                "-s", EnvironmentSimulation.class.getName(), "-rf", image.resolve("gatling-" + tasks.size()).toString()).directory(image.toFile());
    }

    /** The image's own entry point; root inside, since the test's file store is a folder of this (root) process. */
    private ProcessBuilder container() {
        List<String> command = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "host", "--user", "0",
                "-v", image.resolve("environments") + ":/app/environments:ro", "-v", image.getParent() + ":" + image.getParent(),
                "-e", "JAVA_TOOL_OPTIONS"));
        taskEnvironment.keySet().forEach(k -> command.addAll(List.of("-e", k)));
        command.add(CONTAINER_IMAGE);
        return new ProcessBuilder(command);
    }

    private synchronized String stop(String arn, String reason) {
        Process p = tasks.get(arn);
        if (p != null && p.isAlive()) {
            stoppedReasons.put(arn, reason);
            p.destroy();
        }
        return arn;
    }

    private synchronized ObjectNode task(String arn, String status) {
        Process p = tasks.get(arn);
        ObjectNode t = JSON.createObjectNode().put("taskArn", arn);
        boolean stopped = p == null || !p.isAlive();
        t.put("lastStatus", status != null ? status : stopped ? "STOPPED" : "RUNNING");
        if (stopped && status == null) {
            t.put("stoppedReason", stoppedReasons.getOrDefault(arn, "Essential container in task exited"));
            t.putArray("containers").addObject().put("name", "generator").put("exitCode", p == null ? 137 : p.exitValue());
        }
        return t;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public synchronized void close() {
        tasks.values().forEach(Process::destroyForcibly);
        server.stop(0);
    }
}
