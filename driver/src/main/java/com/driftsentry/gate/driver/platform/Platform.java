package com.driftsentry.gate.driver.platform;

import com.driftsentry.gate.driver.gates.Gate;
import com.driftsentry.gate.environment.StagePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where releases run. One small interface, one class per kind ({@code embedded}, {@code compose}, {@code ecs}),
 * picked by {@link Platforms} from the environment's {@code platform.type}. A platform owns what
 * it starts: {@link #close()} stops it, so no process outlives the command.
 */
public interface Platform extends AutoCloseable {

    /** The release serving now; starts it where the platform runs releases itself. Empty when nothing serves. */
    Optional<Release> serving();

    /** The address users reach the stage at (a router, a load balancer). */
    String serviceUrl();

    /** Where the availability probe goes now: the service address, or (without one) any running task's; null when none answers. */
    default String probeAddress() {
        return serviceUrl();
    }

    /** Starts the candidate (beside the serving release, or as a new revision of the service); nothing is promoted yet. */
    Release deploy(Release candidate) throws DeployFailure;

    /** Waits until the candidate is stable (running and ready) or fails within the stable timeout. */
    void awaitStable(Release candidate) throws DeployFailure;

    /** Where and with which key the gates reach the candidate. */
    Endpoint endpoint(Release candidate) throws DeployFailure;

    /** The candidate passed: it becomes the serving release, and what it replaced stops. */
    void promote(Release candidate) throws DeployFailure;

    /** Puts {@code release} back as the serving release (after a failed candidate, or on request) and waits until it is stable. */
    void restore(Release release, Optional<Release> failedCandidate) throws DeployFailure;

    /** The platform's own checks before a promotion (ECS: alarms, budget, image size); none for embedded. */
    List<Gate> promotionChecks(Release candidate);

    /** The platform's checks of the release itself, before the environment's gates (compose: the container gate). */
    default List<Gate> releaseChecks(Release candidate) {
        return List.of();
    }

    /** What the stage keeps between commands, and so whom the availability probe watches: the platform's settings say. */
    StagePolicy policy();

    /** The last lines each part of the release wrote, by part, for the report of a run that did not pass; empty where the platform has none. */
    default Map<String, List<String>> logTails() {
        return Map.of();
    }

    /** After a command's verdict, where the policy {@link StagePolicy#rests() rests}: back to no tasks (what it runs next time stays noted). */
    default void rest() throws DeployFailure {
    }

    /** Why a deployed release is gone, if it is (a process that exited, tasks that stopped). */
    Optional<String> lost(Release release);

    /** What {@link #deploy} and {@link #restore} would change, for {@code --dry-run}. */
    List<String> plan(Release candidate);

    @Override
    void close();

    /**
     * Where a release answers: its base URL, an admin key to gate it with, the tenant that key belongs to, and
     * the dashboard serving beside it where the platform runs one (the embedded default does).
     */
    record Endpoint(String baseUrl, String apiKey, Optional<String> smokeTenant, Optional<String> dashboardUrl) {
        public Endpoint(String baseUrl, String apiKey, Optional<String> smokeTenant) {
            this(baseUrl, apiKey, smokeTenant, Optional.empty());
        }

        @Override
        public String toString() {
            return baseUrl;
        }
    }
}
