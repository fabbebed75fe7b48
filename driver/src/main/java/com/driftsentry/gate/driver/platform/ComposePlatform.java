package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.json.Json;
import static com.driftsentry.gate.waiting.Waits.await;

import com.driftsentry.gate.driver.gates.ContainerGate;
import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.environment.Environment;
import com.driftsentry.gate.environment.PlatformSettings;
import com.driftsentry.gate.environment.StagePolicy;
import com.driftsentry.gate.target.Health;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ContainerState;

/**
 * The pull-request stage: the candidate image with PostgreSQL and Redis as containers of one
 * compose stack (environments/compose/), under a project name of its own. There is no release to
 * roll back to: every run is a fresh stack, seeded with its own tenant, and removed with its
 * volumes when the command ends, whatever the verdict (also on Ctrl-C and SIGTERM, through the
 * shutdown hook {@link Platforms} adds). The stack's password is made here for the run and
 * reaches compose as a variable only.
 */
public final class ComposePlatform implements Platform {
    static final List<String> SERVICES = List.of("postgres", "redis", "backend");
    private static final int LOG_LINES = 40;

    private final Environment env;
    private final PlatformSettings.Compose settings;
    private final ComposeHost.Tool tool;
    private final DockerClient docker;
    private final List<Path> files;
    private final ComposeOverride override;
    private final Optional<Release> gated;
    private final int port;
    private final Consumer<String> say;
    private ComposeStack stack;
    private Release running;
    private Endpoint endpoint;
    private String notUp;

    private ComposePlatform(Environment env, PlatformSettings.Compose settings, ComposeHost.Tool tool, DockerClient docker, List<Path> files,
                            ComposeOverride override, int port, Optional<Release> gated, Consumer<String> say) {
        this.env = env;
        this.settings = settings;
        this.tool = tool;
        this.docker = docker;
        this.files = files;
        this.override = override;
        this.gated = gated;
        this.port = port;
        this.say = say;
    }

    /**
     * Checks the machine (compose, engine, image, port) before anything starts, and removes the
     * leftovers of killed runs. {@code gated}: the image {@code gate} runs the stack from (a deploy
     * names its candidate later).
     */
    static ComposePlatform create(Environment env, PlatformSettings.Compose settings, Platforms.Options options) {
        int port = ComposeOverride.port(env);
        ComposeHost.Tool tool = ComposeHost.tool();
        ComposeHost.requireReaperChoice();
        DockerClient docker = ComposeHost.engine();
        options.image().ifPresent(r -> ComposeHost.image(docker, r.image()));
        if (options.dryRun()) {
            ComposeStack.projectsPresent(docker).forEach(p -> options.say().accept("dry run: compose project " + p + " is present (a run "
                    + "removes it first if its process is gone)"));
        } else {
            ComposeStack.removeLeftovers(docker).forEach(options.say());
        }
        ComposeHost.requireFree(port, ComposeStack.projectsPresent(docker));
        List<Path> files = new ArrayList<>(settings.composeFiles());
        files.addAll(options.composeFiles());
        return new ComposePlatform(env, settings, tool, docker, files,
                new ComposeOverride(env, settings.readOnlyRootFilesystem(), options.candidateSettings(), options.workDir()),
                port, options.gateServing() ? options.image() : Optional.empty(), options.say());
    }

    /** {@code gate}: the stack of the image named comes up here; if it does not, {@link #endpoint} says why and the gate run FAILs with it. */
    @Override
    public Optional<Release> serving() {
        if (gated.isPresent() && running == null) {
            try {
                awaitStable(deploy(gated.get()));
            } catch (DeployFailure e) {
                notUp = e.getMessage();
            }
        }
        return Optional.ofNullable(running);
    }

    @Override
    public String serviceUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public StagePolicy policy() {
        return settings.policy();
    }

    @Override
    public synchronized Release deploy(Release candidate) throws DeployFailure {
        if (stack != null) {
            throw new DeployFailure("this run already has a stack (" + running + "); a compose run gates one image");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        variables.put("POSTGRES_PASSWORD", env.masker().register(password));
        variables.put("BACKEND_IMAGE", candidate.image());
        variables.put("BACKEND_PORT", Integer.toString(port));
        variables.put("FRONTEND_PORT", Integer.toString(ComposeOverride.frontendPort(env)));
        List<Path> all = new ArrayList<>(files);
        all.add(override.write());
        stack = ComposeStack.of(tool, all, variables);
        running = candidate;
        try {
            stack.up();
        } catch (ComposeStack.UpFailed e) {
            throw new DeployFailure(upFailure(all, variables, e));
        } catch (RuntimeException e) {
            throw new DeployFailure("compose could not bring the stack up: " + rootMessage(e));
        }
        stack.project().ifPresent(p -> say.accept("compose project " + p + " is up (" + tool + ")"));
        return candidate;
    }

    /** Every service healthy and the backend ready on 127.0.0.1; a backend that exits or restarts meanwhile fails at once. */
    @Override
    public void awaitStable(Release candidate) throws DeployFailure {
        Duration timeout = settings.common().stableTimeout();
        ContainerState backend = stack.service("backend");
        Health.Ready ready = Health.untilReady(serviceUrl(), timeout, () -> lost(candidate).isPresent());
        failIfLost(candidate);
        if (!ready.ready()) {
            throw new DeployFailure("the backend was not ready within " + timeout.toSeconds() + " s (last " + Health.READY + ": " + ready.said() + ")");
        }
        try {
            await("every service healthy").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> SERVICES.stream().allMatch(s -> health(stack.service(s)).equals("healthy")) || lost(candidate).isPresent());
        } catch (ConditionTimeoutException e) {
            throw new DeployFailure("not every service reported healthy within " + timeout.toSeconds() + " s: " + healthOfAll());
        }
        failIfLost(candidate);
        endpoint = seed(backend);
    }

    @Override
    public Endpoint endpoint(Release candidate) throws DeployFailure {
        if (endpoint == null) {
            throw new DeployFailure(notUp != null ? notUp : "the stack of " + candidate + " is not up");
        }
        return endpoint;
    }

    /** Nothing to switch: the image passed the PR stage and may go on to staging; the stack is removed at the end all the same. */
    @Override
    public void promote(Release candidate) {
    }

    @Override
    public void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure {
        throw new DeployFailure("a compose stage keeps no release to restore: every run is a fresh stack");
    }

    @Override
    public List<Gate> releaseChecks(Release candidate) {
        return List.of(new ContainerGate(new EngineFacts(docker, candidate.image(), () -> stack.service("backend")),
                settings.maxImageBytes(), settings.readOnlyRootFilesystem(), candidate.image(), env.name()));
    }

    @Override
    public List<Gate> promotionChecks(Release candidate) {
        return List.of();
    }

    @Override
    public Optional<String> lost(Release release) {
        try {
            InspectContainerResponse c = stack.service("backend").getCurrentContainerInfo();
            Integer restarts = c.getRestartCount();
            if (restarts != null && restarts > 0) {
                return Optional.of("the backend container restarted " + restarts + " time(s) (last exit code " + c.getState().getExitCodeLong() + ")");
            }
            return Boolean.TRUE.equals(c.getState().getRunning()) ? Optional.empty()
                    : Optional.of("the backend container exited (code " + c.getState().getExitCodeLong() + ")");
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, List<String>> logTails() {
        return stack == null ? Map.of() : stack.logTails(SERVICES, LOG_LINES);
    }

    @Override
    public List<String> plan(Release candidate) {
        return List.of("remove the leftovers of killed runs (containers, networks, volumes of driftgate-<pid>-… projects whose process is gone)",
                "bring up " + String.join(" + ", files.stream().map(f -> f.getFileName().toString()).toList()) + " with " + candidate.image()
                        + " as the backend, a password made for this run, as project driftgate-" + ProcessHandle.current().pid() + "-…",
                "wait until postgres, redis and backend are healthy and " + serviceUrl() + Health.READY + " answers 200 (at most "
                        + settings.common().stableTimeout().toSeconds() + " s), then seed a tenant in the stack",
                "a PR stage has no release to roll back to: each run is a fresh stack; the verdict and the exit code are the result",
                "at the end, whatever the verdict: down -v (containers, network, volumes); on a failed gate the last " + LOG_LINES
                        + " lines of each container's log go into the report");
    }

    @Override
    public synchronized void close() {
        if (stack != null) {
            try {
                stack.close();
            } catch (RuntimeException e) {
                say.accept("compose down failed: " + rootMessage(e) + " (the next run removes the leftovers)");
            }
        }
        override.delete();
    }

    private void failIfLost(Release candidate) throws DeployFailure {
        Optional<String> gone = lost(candidate);
        if (gone.isPresent()) {
            throw new DeployFailure(gone.get());
        }
    }

    private Endpoint seed(ContainerState backend) throws DeployFailure {
        try {
            ExecResult r = backend.execInContainer("java", "-XX:TieredStopAtLevel=1", "-jar", "/app/driftsentry-reference.jar", "seed",
                    "--drifts", Integer.toString(env.target().seed()), "--tenant", "compose-" + ProcessHandle.current().pid());
            if (r.getExitCode() != 0) {
                throw new DeployFailure("seeding the stack failed (exit " + r.getExitCode() + "): " + r.getStderr().strip());
            }
            JsonNode keys = Json.MAPPER.readTree(r.getStdout());
            env.masker().register(keys.path("readerKey").asText());
            return new Endpoint(serviceUrl(), env.masker().register(keys.path("adminKey").asText()), Optional.of(keys.path("tenantId").asText()),
                    Optional.of("http://127.0.0.1:" + ComposeOverride.frontendPort(env)));
        } catch (IOException e) {
            throw new DeployFailure("seeding the stack failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployFailure("interrupted while seeding the stack");
        }
    }

    private String healthOfAll() {
        List<String> all = new ArrayList<>();
        for (String s : SERVICES) {
            all.add(s + " " + health(stack.service(s)));
        }
        return String.join(", ", all);
    }

    static String health(ContainerState c) {
        var state = c.getCurrentContainerInfo().getState();
        return state.getHealth() == null ? "none" : state.getHealth().getStatus();
    }

    /**
     * Why compose failed, first line first: the images this machine lacks (with the offline fix), else compose's
     * own error; then the last lines compose printed, which name the service.
     */
    private String upFailure(List<Path> all, Map<String, String> variables, ComposeStack.UpFailed e) {
        Map<String, String> missing = ComposeImages.missing(docker, ComposeImages.of(all, v -> variables.getOrDefault(v, System.getenv(v))));
        List<String> said = e.printed.subList(Math.max(0, e.printed.size() - 12), e.printed.size());
        return "compose could not bring the stack up: " + (missing.isEmpty() ? rootMessage(e) : ComposeImages.describe(missing))
                + (said.isEmpty() ? "" : "\ncompose said:\n  " + String.join("\n  ", said));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage()).lines().findFirst().orElse("");
    }
}
