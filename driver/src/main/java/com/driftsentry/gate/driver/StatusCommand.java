package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.ledger.DeploymentNotes;
import com.driftsentry.gate.driver.lock.StageLock;
import com.driftsentry.gate.driver.platform.Platform;
import com.driftsentry.gate.driver.platform.Platforms;
import com.driftsentry.gate.driver.platform.Release;
import com.driftsentry.gate.environment.ConfigError;
import com.driftsentry.gate.verdict.ExitCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The serving release (the ledger's, and on ecs what the service runs now, with any drift between them), the previous one "
                + "and the last verdicts; --notes writes the deployment notes.")
final class StatusCommand extends CommandSupport {
    @Option(names = "--notes", paramLabel = "FILE", description = "write the ledger as Markdown deployment notes to FILE")
    Path notes;

    @Option(names = "--last", defaultValue = "5", description = "how many recent entries to show (default ${DEFAULT-VALUE})")
    int last;

    @Override
    int execute() {
        if (last < 0) {
            throw new ConfigError("--last: " + last + " is not a number of entries (fix: --last 5, or --last 0 for none)");
        }
        List<JsonNode> entries = ledger.entries();
        if (notes != null) {
            try {
                Files.writeString(notes, DeploymentNotes.render(env.name(), entries));
            } catch (IOException e) {
                throw new ConfigError("--notes: " + ConfigError.quote(notes.toString()) + " cannot be written (" + e.getClass().getSimpleName()
                        + ") (fix: a file in a folder that exists and may be written)");
            }
        }
        List<JsonNode> recent = entries.subList(Math.max(0, entries.size() - last), entries.size());
        // Each read of the ledger is a read of the store (an S3 GET): what serves is read once.
        Optional<String> serving = ledger.serving();
        Optional<Observed> observed = observed(serving);
        Optional<String> drift = observed.flatMap(o -> o.drift(serving));
        if (json) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("environment", env.name());
            status.put("serving", serving.orElse(null));
            observed.ifPresent(o -> {
                status.put("platformServing", o.release().orElse(null));
                o.problem().ifPresent(p -> status.put("platformProblem", p));
            });
            status.put("drift", drift.orElse(null));
            status.put("previous", ledger.previous().orElse(null));
            status.put("lock", StageLock.holder(store).orElse(null));
            status.put("openIntent", openIntent().orElse(null));
            status.put("recent", recent);
            print(status);
            return ExitCode.PASSED.code();
        }
        out.println("environment: " + env.name() + " (ledger " + ledger.where() + ")");
        out.println("serving:     " + serving.orElse("nothing recorded") + (observed.isPresent() ? " (the ledger)" : ""));
        observed.ifPresent(o -> out.println("platform:    " + o.problem().map(p -> "could not be asked: " + p)
                .orElseGet(() -> o.release().orElse("nothing") + " (" + env.deploy().platform().type() + ", asked now)")));
        drift.ifPresent(d -> out.println("DRIFT:       " + d));
        out.println("previous:    " + ledger.previous().orElse("none"));
        out.println("lock:        " + StageLock.holder(store).map(h -> "held by " + h.describe(Instant.now())).orElse("free"));
        out.println("intent:      " + openIntent().map(i -> "OPEN: an interrupted " + i.describe() + " (driftgate recover --env " + env.name()
                + " restores " + (i.from() == null ? "nothing" : i.from().image()) + ")").orElse("none open"));
        for (JsonNode e : recent) {
            out.println(env.masker().mask("- " + e.path("at").asText() + " " + e.path("command").asText() + " " + e.path("outcome").asText()
                    + ": " + e.path("reason").asText()));
            for (JsonNode v : e.path("verdicts")) {
                out.println("    " + v.path("gate").asText() + " " + v.path("outcome").asText());
            }
        }
        if (notes != null) {
            out.println("notes: " + notes);
        }
        return ExitCode.PASSED.code();
    }

    /** What the platform itself says serves (where it can say so without starting anything), or why it could not be asked. */
    private Optional<Observed> observed(Optional<String> serving) {
        if (!env.deploy().platform().knowsWhatServes()) {
            return Optional.empty();
        }
        try (Platform platform = Platforms.create(env, Platforms.Options.of(serving, workDir("status")).dryRun(true))) {
            return Optional.of(new Observed(platform.serving().map(Release::toString), Optional.empty()));
        } catch (RuntimeException e) {
            return Optional.of(new Observed(Optional.empty(), Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }

    /** The platform's answer: the release it serves, or the problem that kept it from answering. */
    private record Observed(Optional<String> release, Optional<String> problem) {
        /** How the platform and the ledger differ, said for the operator who must act on it first; empty when they agree or it could not be asked. */
        Optional<String> drift(Optional<String> recorded) {
            return problem.isPresent() ? Optional.empty() : Drift.between(release, recorded);
        }
    }
}
