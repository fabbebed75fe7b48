package com.driftsentry.gate.driver.platform;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.containers.DockerComposeContainer;
import org.testcontainers.lifecycle.Startable;

/**
 * One compose project, brought up and down by Testcontainers: {@code docker-compose} v1 through
 * {@link DockerComposeContainer}, {@code docker compose} v2 through {@link ComposeContainer}. Its
 * name carries the driver's process id ({@code driftgate-<pid>-<random>}), so that a later run can
 * tell the leftovers of a killed run (no such process) from a stack that is still in use.
 */
final class ComposeStack implements AutoCloseable {
    static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final Pattern PROJECT = Pattern.compile("driftgate-(\\d+)-[a-z0-9]+");

    private final Startable compose;
    private final Function<String, Optional<ContainerState>> byService;
    private boolean up;
    private boolean down;

    private ComposeStack(Startable compose, Function<String, Optional<ContainerState>> byService) {
        this.compose = compose;
        this.byService = byService;
    }

    /** A stack of {@code files} (base first) with {@code variables} for compose's interpolation; nothing starts yet. */
    static ComposeStack of(ComposeHost.Tool tool, List<Path> files, Map<String, String> variables) {
        List<File> list = files.stream().map(Path::toFile).toList();
        String identifier = "driftgate-" + ProcessHandle.current().pid() + "-";
        if (tool == ComposeHost.Tool.V2) {
            ComposeContainer c = new ComposeContainer(identifier, list).withEnv(variables).withPull(false).withRemoveVolumes(true);
            return new ComposeStack(c, c::getContainerByServiceName);
        }
        DockerComposeContainer<?> c = new DockerComposeContainer<>(identifier, list).withEnv(variables).withPull(false).withRemoveVolumes(true);
        return new ComposeStack(c, c::getContainerByServiceName);
    }

    /**
     * {@code up -d}: returns once compose started every service in dependency order (PostgreSQL and Redis healthy
     * first); when compose fails, what it printed goes with the failure.
     */
    synchronized void up() {
        up = true;
        try (ComposeOutput output = ComposeOutput.capture()) {
            try {
                compose.start();
            } catch (RuntimeException e) {
                throw new UpFailed(e, output.lines());
            }
        }
    }

    /** Compose did not bring the stack up; {@code printed}: what it said meanwhile. */
    static final class UpFailed extends RuntimeException {
        final transient List<String> printed;

        UpFailed(RuntimeException cause, List<String> printed) {
            super(cause.getMessage(), cause);
            this.printed = printed;
        }
    }

    /** The running container of {@code service}. */
    ContainerState service(String service) {
        return byService.apply(service).orElseThrow(() -> new IllegalStateException("the stack has no service " + service));
    }

    /** The compose project's name, as the containers carry it. */
    Optional<String> project() {
        return byService.apply("backend").map(c -> c.getContainerInfo().getConfig().getLabels().get(PROJECT_LABEL));
    }

    /** The last {@code lines} lines each service wrote (both streams), by service. */
    Map<String, List<String>> logTails(List<String> services, int lines) {
        Map<String, List<String>> tails = new LinkedHashMap<>();
        for (String s : services) {
            try {
                List<String> all = byService.apply(s).map(ContainerState::getLogs).orElse("").lines().toList();
                tails.put(s, all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (RuntimeException e) {
                tails.put(s, List.of("(its log could not be read: " + e.getMessage() + ")"));
            }
        }
        return tails;
    }

    /** {@code down -v}: containers, network and volumes; idempotent, and a no-op when it never went up. */
    @Override
    public synchronized void close() {
        if (up && !down) {
            down = true;
            compose.stop();
        }
    }

    /** A container, network or volume of a driftgate compose project, and how to remove it. */
    private record Resource(int kind, String project, Runnable remove) {
        static final String[] KINDS = {"containers", "networks", "volumes"};
    }

    /** Every container, network and volume labelled with a driftgate project, listed once. */
    private static List<Resource> resources(DockerClient docker) {
        List<Resource> all = new ArrayList<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(PROJECT_LABEL)).exec()) {
            ours(c.getLabels()).ifPresent(p -> all.add(new Resource(0, p,
                    () -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec())));
        }
        docker.listNetworksCmd().exec().forEach(n -> ours(n.getLabels()).ifPresent(p -> all.add(new Resource(1, p,
                () -> docker.removeNetworkCmd(n.getId()).exec()))));
        Optional.ofNullable(docker.listVolumesCmd().exec().getVolumes()).orElse(List.of()).forEach(v -> ours(v.getLabels())
                .ifPresent(p -> all.add(new Resource(2, p, () -> docker.removeVolumeCmd(v.getName()).exec()))));
        return all;
    }

    /**
     * Removes what killed runs of driftgate left behind: every container, network and volume whose
     * compose project is named {@code driftgate-<pid>-…} for a process that no longer runs here.
     * Returns one line per project removed.
     */
    static List<String> removeLeftovers(DockerClient docker) {
        Map<String, int[]> removed = new LinkedHashMap<>();
        // Containers first: a network or volume still in use by one cannot be removed.
        for (Resource r : resources(docker)) {
            if (isLeftover(r.project())) {
                r.remove().run();
                removed.computeIfAbsent(r.project(), k -> new int[Resource.KINDS.length])[r.kind()]++;
            }
        }
        List<String> lines = new ArrayList<>();
        removed.forEach((p, n) -> lines.add("removed the leftovers of an earlier run that did not finish: project " + p + " (" + n[0]
                + " " + Resource.KINDS[0] + ", " + n[1] + " " + Resource.KINDS[1] + ", " + n[2] + " " + Resource.KINDS[2] + ")"));
        return lines;
    }

    /** The driftgate projects still present (containers, networks or volumes), whoever owns them. */
    static List<String> projectsPresent(DockerClient docker) {
        return resources(docker).stream().map(Resource::project).distinct().toList();
    }

    private static boolean isLeftover(String project) {
        Matcher m = PROJECT.matcher(project);
        if (!m.matches()) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        // Our own id on a project we have not started yet: a killed process that had the same id.
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
    }

    private static Optional<String> ours(Map<String, String> labels) {
        String project = labels == null ? null : labels.get(PROJECT_LABEL);
        return project != null && PROJECT.matcher(project).matches() ? Optional.of(project) : Optional.empty();
    }
}
