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
import org.testcontainers.DockerClientFactory;
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

    /** {@code up -d}: returns once compose started every service in dependency order (PostgreSQL and Redis healthy first). */
    synchronized void up() {
        up = true;
        compose.start();
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

    /**
     * Removes what killed runs of driftgate left behind: every container, network and volume whose
     * compose project is named {@code driftgate-<pid>-…} for a process that no longer runs here.
     * Returns one line per project removed.
     */
    static List<String> removeLeftovers(DockerClient docker) {
        Map<String, int[]> removed = new LinkedHashMap<>();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(PROJECT_LABEL)).exec()) {
            leftover(c.getLabels()).ifPresent(p -> {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.computeIfAbsent(p, k -> new int[3])[0]++;
            });
        }
        docker.listNetworksCmd().exec().forEach(n -> leftover(n.getLabels()).ifPresent(p -> {
            docker.removeNetworkCmd(n.getId()).exec();
            removed.computeIfAbsent(p, k -> new int[3])[1]++;
        }));
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        (volumes == null ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of() : volumes).forEach(v -> leftover(v.getLabels()).ifPresent(p -> {
            docker.removeVolumeCmd(v.getName()).exec();
            removed.computeIfAbsent(p, k -> new int[3])[2]++;
        }));
        List<String> lines = new ArrayList<>();
        removed.forEach((p, n) -> lines.add("removed the leftovers of an earlier run that did not finish: project " + p + " (" + n[0]
                + " containers, " + n[1] + " networks, " + n[2] + " volumes)"));
        return lines;
    }

    /** The driftgate projects still present (containers, networks or volumes), whoever owns them. */
    static List<String> projectsPresent(DockerClient docker) {
        List<String> projects = new ArrayList<>();
        docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(PROJECT_LABEL)).exec()
                .forEach(c -> ours(c.getLabels()).ifPresent(projects::add));
        docker.listNetworksCmd().exec().forEach(n -> ours(n.getLabels()).ifPresent(projects::add));
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(v -> ours(v.getLabels()).ifPresent(projects::add));
        }
        return projects.stream().distinct().toList();
    }

    static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static Optional<String> leftover(Map<String, String> labels) {
        return ours(labels).filter(p -> {
            Matcher m = PROJECT.matcher(p);
            if (!m.matches()) {
                return false;
            }
            long pid = Long.parseLong(m.group(1));
            // Our own id on a project we have not started yet: a killed process that had the same id.
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty();
        });
    }

    private static Optional<String> ours(Map<String, String> labels) {
        String project = labels == null ? null : labels.get(PROJECT_LABEL);
        return project != null && PROJECT.matcher(project).matches() ? Optional.of(project) : Optional.empty();
    }
}
