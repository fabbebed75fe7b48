package com.driftsentry.reference.drift;

import com.driftsentry.reference.http.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/** How bad a drift is, lowest first. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String field, String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest(field + ": '" + value + "' is not one of low, medium, high, critical"));
    }
}
