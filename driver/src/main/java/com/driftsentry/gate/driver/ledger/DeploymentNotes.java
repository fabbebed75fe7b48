package com.driftsentry.gate.driver.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The ledger as a person reads it (docs/DEPLOYMENT-NOTES.md style): newest first, one section per entry, the verdict lines as tables. */
public final class DeploymentNotes {
    private DeploymentNotes() {
    }

    public static String render(String environment, List<JsonNode> entries) {
        StringBuilder md = new StringBuilder("# Deployment notes: ").append(environment).append("\n\n");
        if (entries.isEmpty()) {
            return md.append("Nothing deployed yet.\n").toString();
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode e = entries.get(i);
            md.append("## ").append(e.path("at").asText()).append(" · ").append(e.path("command").asText()).append(" · **")
                    .append(e.path("outcome").asText()).append("**\n\n");
            md.append("- by ").append(e.path("who").asText()).append(", ").append(e.path("from").asText("none")).append(" → ")
                    .append(e.path("to").asText("none")).append(", serving afterwards: ").append(e.path("serving").asText("unknown")).append('\n');
            md.append("- ").append(e.path("reason").asText()).append('\n');
            md.append("- took ").append(e.path("seconds").asText()).append(" s").append(steps(e.path("steps"))).append("\n\n");
            for (JsonNode v : e.path("verdicts")) {
                md.append("**").append(v.path("gate").asText()).append("**: ").append(v.path("outcome").asText()).append("\n\n");
                md.append("| criterion | threshold | measured | samples | result |\n|---|---|---|---:|---|\n");
                for (JsonNode l : v.path("lines")) {
                    md.append("| ").append(cell(l.path("criterion"))).append(" | ").append(cell(l.path("threshold"))).append(" | ")
                            .append(cell(l.path("measured"))).append(" | ").append(l.path("samples").asLong()).append(" | ")
                            .append(l.path("outcome").asText()).append("PASS".equals(l.path("outcome").asText()) ? "" : ": " + cell(l.path("reason")))
                            .append(" |\n");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static String steps(JsonNode steps) {
        StringBuilder s = new StringBuilder();
        steps.fields().forEachRemaining(f -> s.append(s.length() == 0 ? " (" : ", ").append(f.getKey()).append(' ').append(f.getValue().asText()).append(" s"));
        return s.length() == 0 ? "" : s.append(')').toString();
    }

    private static String cell(JsonNode n) {
        return n.asText().replace("|", "\\|").replace("\n", " ");
    }
}
