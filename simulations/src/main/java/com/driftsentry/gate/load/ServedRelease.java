package com.driftsentry.gate.load;

import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.verdict.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The release a load run's target served, as its readiness answer before the load said it (the nightly page names it under each run). */
public final class ServedRelease {
    private ServedRelease() {
    }

    /** The {@code version} of the target's answer in the verdict's "target ready before the load" line; empty when it gave none. */
    public static Optional<String> of(Verdict verdict) {
        return verdict.lines().stream().filter(l -> TargetHealth.READY_BEFORE.equals(l.criterion())).findFirst()
                .map(l -> l.measured() == null ? "" : l.measured()).filter(m -> m.contains("{")).flatMap(m -> {
                    try {
                        JsonNode answer = Json.MAPPER.readTree(m.substring(m.indexOf('{')));
                        return Optional.ofNullable(answer.path("version").textValue()).filter(v -> !v.isBlank());
                    } catch (java.io.IOException | RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }
}
