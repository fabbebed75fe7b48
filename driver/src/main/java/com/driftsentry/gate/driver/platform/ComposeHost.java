package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.environment.ConfigError;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * What this machine offers a compose stage, checked before anything starts: a compose tool, a
 * Docker engine, the candidate image, a free port. Each missing piece is bad input (exit 3) with
 * one line that says what is missing and how to get it.
 */
final class ComposeHost {
    private static final String ENGINE_FIX = "(fix: apt-get install -y docker.io && setsid dockerd >/var/log/dockerd.log 2>&1 &, "
            + "or start Docker Desktop; docs/DOCKER-SETUP.md)";

    /** The compose command line that is installed; v2 is preferred where both are. */
    enum Tool {
        V2(List.of("docker", "compose", "version")), V1(List.of("docker-compose", "version", "--short"));

        private final List<String> probe;

        Tool(List<String> probe) {
            this.probe = probe;
        }
    }

    static {
        // Testcontainers logs at INFO through the service's JSON logger on stdout, which is driftgate's
        // result channel; the platform reports what it does itself.
        for (String name : List.of("org.testcontainers", "tc", "com.github.dockerjava")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.OFF);
            }
        }
    }

    private ComposeHost() {
    }

    static Tool tool() {
        for (Tool t : Tool.values()) {
            if (answers(t.probe)) {
                return t;
            }
        }
        throw new ConfigError("platform: neither `docker compose` (v2) nor `docker-compose` (v1) is installed "
                + "(fix: apt-get install -y docker-compose, or install the Docker Compose plugin)");
    }

    /** Testcontainers' Ryuk reaper is an image from Docker Hub: the caller says whether to use it (driftgate removes its stacks itself). */
    static void requireReaperChoice() {
        if (System.getenv("TESTCONTAINERS_RYUK_DISABLED") == null) {
            throw new ConfigError("platform: TESTCONTAINERS_RYUK_DISABLED is not set (fix: run scripts/driftgate, which sets it to true "
                    + "because driftgate removes its own stacks, or export it: false where Docker Hub's testcontainers/ryuk can be pulled)");
        }
    }

    static DockerClient engine() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new ConfigError("platform: no Docker engine answers " + ENGINE_FIX);
        }
        return DockerClientFactory.instance().client();
    }

    static InspectImageResponse image(DockerClient docker, String image) {
        try {
            return docker.inspectImageCmd(image).exec();
        } catch (NotFoundException e) {
            throw new ConfigError("--image: " + ConfigError.quote(image) + " is not an image on this machine's engine (fix: build it: "
                    + "scripts/build-backend-image.sh <version>, or docker pull it)");
        }
    }

    /** The stack publishes the backend on this loopback port: something else listening there would take the gates' traffic. */
    static void requireFree(int port, List<String> projectsPresent) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            String holder = projectsPresent.isEmpty() ? "" : " (driftgate stacks still present: " + String.join(", ", projectsPresent) + ")";
            throw new ConfigError("target.baseUrl: port " + port + " on 127.0.0.1 is taken" + holder
                    + " (fix: stop what listens there, or give target.baseUrl another port)");
        }
    }

    private static boolean answers(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
