package com.driftsentry.gate.driver;

import com.driftsentry.gate.driver.ledger.DeploymentNotes;
import com.driftsentry.gate.driver.lock.StageLock;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "The serving release, the previous one and the last verdicts, from the ledger; --notes writes the deployment notes.")
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
        if (json) {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("environment", env.name());
            status.put("serving", ledger.serving().orElse(null));
            status.put("previous", ledger.previous().orElse(null));
            status.put("lock", StageLock.holder(store).orElse(null));
            status.put("openIntent", openIntent().orElse(null));
            status.put("recent", recent);
            print(status);
            return ExitCode.PASSED.code();
        }
        out.println("environment: " + env.name() + " (ledger " + ledger.where() + ")");
        out.println("serving:     " + ledger.serving().orElse("nothing recorded"));
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
}
