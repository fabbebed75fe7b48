package com.driftsentry.gate.contract;

import com.driftsentry.gate.contract.GeneratedCase.Expect;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requests that vary one query or header parameter at a time from a plain valid request:
 * every enum value and an unknown one, integers at and past their bounds and not numbers at all,
 * free strings the stage may judge on their merits. Path ids come from the caller (an id that
 * exists, one that does not, one that is not an id).
 */
final class ParameterVariants {
    private ParameterVariants() {
    }

    /** {@code existingId}: an id the stage has for this path, or null when the run has none. */
    static List<GeneratedCase> of(ContractSpec.Op op, String existingId, Expect existing) {
        List<GeneratedCase> cases = new ArrayList<>();
        if (op.path().contains("{id}")) {
            if (existingId != null) {
                cases.add(GeneratedCase.of("an id that exists", op.method(), op.path().replace("{id}", existingId), existing));
            }
            cases.add(GeneratedCase.of("an id that does not exist", op.method(), op.path().replace("{id}", UUID.randomUUID().toString()), Expect.EITHER));
            cases.add(GeneratedCase.of("a path segment that is not an id", op.method(), op.path().replace("{id}", "not-an-id"), Expect.EITHER));
            return cases;
        }
        cases.add(GeneratedCase.of("no parameters", op.method(), op.path(), Expect.VALID));
        for (Parameter p : op.operation().getParameters() == null ? List.<Parameter>of() : op.operation().getParameters()) {
            if ("query".equals(p.getIn())) {
                values(p.getSchema()).forEach(v -> cases.add(new GeneratedCase(p.getName() + " " + v.label, op.method(), op.path(),
                        Map.of(p.getName(), v.value), Map.of(), null, v.expect)));
            }
        }
        return cases;
    }

    record Value(String label, String value, Expect expect) {
    }

    /** Values for each header parameter: at its length bound (unique, so never a replay), past it, and against its pattern. */
    static List<Map.Entry<String, Value>> headers(ContractSpec.Op op) {
        List<Map.Entry<String, Value>> out = new ArrayList<>();
        for (Parameter p : op.operation().getParameters() == null ? List.<Parameter>of() : op.operation().getParameters()) {
            Schema<?> s = p.getSchema();
            if ("header".equals(p.getIn()) && s.getMaxLength() != null) {
                String unique = UUID.randomUUID().toString().replace("-", "");
                String atMax = (unique + "x".repeat(s.getMaxLength())).substring(0, s.getMaxLength());
                out.add(Map.entry(p.getName(), new Value("at maxLength", atMax, Expect.VALID)));
                out.add(Map.entry(p.getName(), new Value("past maxLength", atMax + "x", Expect.INVALID)));
                if (s.getPattern() != null) {
                    out.add(Map.entry(p.getName(), new Value("with a space", "two words " + unique, Expect.INVALID)));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("rawtypes")
    private static List<Value> values(Schema s) {
        List<Value> v = new ArrayList<>();
        if (s.getEnum() != null) {
            s.getEnum().forEach(e -> v.add(new Value("= " + e, e.toString(), Expect.VALID)));
            v.add(new Value("not in the enum", "not-a-documented-value", Expect.INVALID));
        } else if ("integer".equals(s.getType())) {
            if (s.getMinimum() != null) {
                v.add(new Value("at minimum", s.getMinimum().toBigInteger().toString(), Expect.VALID));
                v.add(new Value("below minimum", s.getMinimum().toBigInteger().subtract(BigInteger.ONE).toString(), Expect.INVALID));
            }
            if (s.getMaximum() != null) {
                v.add(new Value("at maximum", s.getMaximum().toBigInteger().toString(), Expect.VALID));
                v.add(new Value("above maximum", s.getMaximum().toBigInteger().add(BigInteger.ONE).toString(), Expect.INVALID));
            }
            v.add(new Value("not a number", "lots", Expect.INVALID));
        } else {
            v.add(new Value("empty", "", Expect.EITHER));
            v.add(new Value("a value the stage never issued", "bm90LWEtY3Vyc29y", Expect.EITHER));
        }
        return v;
    }
}
