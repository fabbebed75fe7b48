package com.driftsentry.gate.driver.gates;

import com.driftsentry.gate.verdict.Verdict;
import com.driftsentry.gate.verdict.VerdictLine;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The candidate as a container, from the seed's checklist: the image under the size bound, the
 * backend's process not root (read inside the running container, not from the Dockerfile), a
 * HEALTHCHECK in the image that reports healthy, and, where the environment asks for it, a
 * read-only root filesystem it still serves from. Each is a line with the measured value; a fact
 * the engine would not give is INCONCLUSIVE.
 */
public record ContainerGate(Facts facts, long maxBytes, boolean readOnlyAsked, String image, String environment) implements Gate {

    /** What the engine says about the candidate's image and its running container. */
    public interface Facts {
        long imageBytes();

        /** The image's HEALTHCHECK command; empty when it has none (or {@code NONE}). */
        List<String> healthcheck();

        /** The container's health as the engine reports it: healthy, unhealthy, starting, or none. */
        String health();

        /** The user id of the container's main process, read inside the container; empty when it could not be read. */
        OptionalLong uid();

        boolean readOnlyRootFilesystem();
    }

    @Override
    public String name() {
        return "container";
    }

    @Override
    public Verdict judge() {
        List<VerdictLine> lines = new ArrayList<>();
        lines.add(ask(ImageSize.line(maxBytes), Facts::imageBytes, size -> ImageSize.judge(size, maxBytes)));
        lines.add(ask(line("runs as non-root", "uid ≠ 0 in the running container"), Facts::uid, uid -> uid.isEmpty()
                ? line("runs as non-root", "uid ≠ 0 in the running container").inconclusive("the user of the container's main process could not be read")
                : line("runs as non-root", "uid ≠ 0 in the running container").measured("uid " + uid.getAsLong())
                        .judged(uid.getAsLong() != 0, "the backend runs as uid " + uid.getAsLong(), "the backend runs as root (uid 0)")));
        lines.add(ask(line("HEALTHCHECK", "defined in the image, healthy"), f -> f.healthcheck().isEmpty() ? "none" : f.health(), health -> {
            VerdictLine.Builder l = line("HEALTHCHECK", "defined in the image, healthy");
            return health.equals("none") ? l.measured("none").fail("the image defines no HEALTHCHECK")
                    : l.measured("defined, " + health).judged(health.equals("healthy"), "the engine reports it healthy", "the engine reports it " + health);
        }));
        if (readOnlyAsked) {
            lines.add(ask(line("read-only root filesystem", "read-only, healthy"), f -> new RootFs(f.readOnlyRootFilesystem(), f.health()), fs -> {
                String measured = (fs.readOnly() ? "read-only" : "writable") + ", " + fs.health();
                return line("read-only root filesystem", "read-only, healthy").measured(measured).judged(fs.readOnly() && fs.health().equals("healthy"),
                        "it serves from a read-only root filesystem", fs.readOnly() ? "on a read-only root filesystem it is " + fs.health()
                                : "the root filesystem is writable although the environment asks for read-only");
            }));
        }
        return verdict(environment, image, "the compose stack", lines.toArray(VerdictLine[]::new));
    }

    private record RootFs(boolean readOnly, String health) {
    }

    private static VerdictLine.Builder line(String criterion, String threshold) {
        return VerdictLine.of(criterion).threshold(threshold).samples(1, 1).window("now");
    }

    /** A fact from the engine, judged; an engine that would not answer makes the line INCONCLUSIVE with its reason. */
    private <T> VerdictLine ask(VerdictLine.Builder line, Function<Facts, T> fact, Function<T, VerdictLine> judge) {
        T value;
        try {
            value = fact.apply(facts);
        } catch (RuntimeException e) {
            return line.inconclusive("the engine did not answer: " + e.getMessage());
        }
        return judge.apply(value);
    }
}
