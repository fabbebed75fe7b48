package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.driver.gates.ContainerGate;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HealthCheck;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;

/** The container gate's facts from the engine: the candidate image as inspected, the backend container as it runs. */
record EngineFacts(DockerClient docker, String image, Supplier<ContainerState> backend) implements ContainerGate.Facts {
    // The real user id of the process: the first of the four ids on the Uid line.
    private static final Pattern UID = Pattern.compile("(?m)^Uid:\\s+(\\d+)");

    @Override
    public long imageBytes() {
        return docker.inspectImageCmd(image).exec().getSize();
    }

    @Override
    public List<String> healthcheck() {
        HealthCheck h = docker.inspectImageCmd(image).exec().getConfig().getHealthcheck();
        List<String> test = h == null || h.getTest() == null ? List.of() : h.getTest();
        return test.isEmpty() || test.get(0).equals("NONE") ? List.of() : test;
    }

    @Override
    public String health() {
        return ComposePlatform.health(backend.get());
    }

    /** PID 1's status as the container itself shows it: the process the image's ENTRYPOINT and USER made. */
    @Override
    public OptionalLong uid() {
        try {
            ExecResult r = backend.get().execInContainer("cat", "/proc/1/status");
            Matcher m = UID.matcher(r.getStdout());
            return r.getExitCode() == 0 && m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    @Override
    public boolean readOnlyRootFilesystem() {
        return Boolean.TRUE.equals(backend.get().getCurrentContainerInfo().getHostConfig().getReadonlyRootfs());
    }
}
