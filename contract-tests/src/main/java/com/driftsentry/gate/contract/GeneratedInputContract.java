package com.driftsentry.gate.contract;

import com.atlassian.oai.validator.report.ValidationReport;
import com.driftsentry.gate.contract.GeneratedCase.Expect;
import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import com.driftsentry.gate.suite.StageHttp;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.swagger.v3.oas.models.media.MediaType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestReporter;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Requests generated from the document's schemas, for every operation: valid and boundary values
 * must be accepted, violations refused with a documented 4xx, and nothing may ever be a 5xx or an
 * undocumented answer. Whether a generated body is valid is the document's own judgement (its
 * request validator), so a disagreement between document and service is a failure either way.
 * Bounded by {@code gates.contract.generatedRequests}; writes only where the stage allows them.
 */
@Tag("generated")
@Order(3)
class GeneratedInputContract {
    private static final StageHttp HTTP = new StageHttp();

    @TestFactory
    Stream<DynamicTest> everyOperationUnderGeneratedInput(TestReporter reporter) {
        Stage stage = Stage.current();
        ContractSpec spec = Contract.spec();
        String key = StageAccess.key();
        boolean writes = !stage.readOnly() && canWrite();
        String driftId = writes ? ownDrift(key) : anyDrift(key);
        Map<ContractSpec.Op, List<GeneratedCase>> planned = new LinkedHashMap<>();
        for (ContractSpec.Op op : spec.operations()) {
            if (writes || op.method().equals("GET")) {
                planned.put(op, cases(op, op.path().startsWith("/api/v1/drifts/") ? driftId : null, spec));
            }
        }
        int bound = stage.contract().orElseThrow().generatedRequests();
        Map<ContractSpec.Op, List<GeneratedCase>> sent = withinBound(planned, bound);
        int total = sent.values().stream().mapToInt(List::size).sum();
        reporter.publishEntry("generated requests", total + " (bound " + bound + ", " + sent.size() + " operations"
                + (writes ? "" : ", reads only") + ")");
        return sent.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " (" + e.getValue().size() + " requests)",
                () -> judge(e.getValue(), key, stage, spec)));
    }

    private static List<GeneratedCase> cases(ContractSpec.Op op, String existingId, ContractSpec spec) {
        Expect onExisting = op.method().equals("GET") ? Expect.VALID : Expect.EITHER;
        if (op.operation().getRequestBody() == null) {
            return ParameterVariants.of(op, existingId, onExisting);
        }
        MediaType json = op.operation().getRequestBody().getContent().get("application/json");
        List<GeneratedCase> cases = new ArrayList<>();
        List<BodyVariants.Body> bodies = BodyVariants.of(json.getSchema());
        for (BodyVariants.Body b : bodies) {
            GeneratedCase c = GeneratedCase.of("body: " + b.label(), op.method(), op.path(), Expect.VALID).withBody(b.json());
            cases.add(asTheDocumentJudges(c, spec));
        }
        for (Map.Entry<String, ParameterVariants.Value> h : ParameterVariants.headers(op)) {
            cases.add(new GeneratedCase(h.getKey() + " " + h.getValue().label(), op.method(), op.path(), Map.of(),
                    Map.of(h.getKey(), h.getValue().value()), bodies.get(0).json(), h.getValue().expect()));
        }
        return cases;
    }

    private static GeneratedCase asTheDocumentJudges(GeneratedCase c, ContractSpec spec) {
        Expect expect = spec.checkRequest(c.asValidatorRequest()).hasErrors() ? Expect.INVALID : Expect.VALID;
        return new GeneratedCase(c.label(), c.method(), c.path(), c.query(), c.headers(), c.body(), expect);
    }

    /** Round-robin over operations, so a small bound still reaches every operation. */
    private static Map<ContractSpec.Op, List<GeneratedCase>> withinBound(Map<ContractSpec.Op, List<GeneratedCase>> planned, int bound) {
        Map<ContractSpec.Op, List<GeneratedCase>> taken = new LinkedHashMap<>();
        planned.keySet().forEach(op -> taken.put(op, new ArrayList<>()));
        Map<ContractSpec.Op, Iterator<GeneratedCase>> next = new LinkedHashMap<>();
        planned.forEach((op, cases) -> next.put(op, cases.iterator()));
        for (int n = 0; n < bound && next.values().stream().anyMatch(Iterator::hasNext); ) {
            for (Map.Entry<ContractSpec.Op, Iterator<GeneratedCase>> e : next.entrySet()) {
                if (n < bound && e.getValue().hasNext()) {
                    taken.get(e.getKey()).add(e.getValue().next());
                    n++;
                }
            }
        }
        taken.values().removeIf(List::isEmpty);
        return taken;
    }

    private static void judge(List<GeneratedCase> cases, String key, Stage stage, ContractSpec spec) {
        List<String> violations = new ArrayList<>();
        for (GeneratedCase c : cases) {
            Response r = send(c, key);
            int status = r.statusCode();
            undoIfCreated(c, r, key, stage);
            ValidationReport documented = spec.checkResponse(c.method(), c.path(), r);
            String detail = status >= 400 && r.contentType() != null && r.contentType().contains("json") ? ": " + JsonBody.of(r).text("detail") : "";
            if (status >= 500) {
                violations.add(c + " answered " + status + detail);
            } else if (documented.hasErrors()) {
                violations.add(c + " answered " + status + " outside the contract: " + ContractSpec.messages(documented));
            } else if (c.expect() == Expect.VALID && status >= 300) {
                violations.add(c + ": the document allows it, the stage refused it with " + status + detail);
            } else if (c.expect() == Expect.INVALID && status < 400) {
                violations.add(c + ": the document forbids it, the stage accepted it with " + status);
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionFailedError(violations.size() + " of " + cases.size() + " generated requests broke the contract: "
                    + String.join(" | ", violations));
        }
    }

    private static Response send(GeneratedCase c, String key) {
        RequestSpecification r = HTTP.as(key);
        c.query().forEach(r::queryParam);
        c.headers().forEach(r::header);
        if (c.body() != null) {
            r.contentType("application/json").body(c.body());
        }
        return r.request(c.method(), c.path());
    }

    /** Anything a generated request created (a drift, a key) is closed or revoked at the end of the run. */
    private static void undoIfCreated(GeneratedCase c, Response r, String key, Stage stage) {
        JsonBody created = r.statusCode() == 201 ? JsonBody.of(r) : null;
        String id = created == null ? null : created.text("id");
        if (id == null) {
            return;
        }
        if (c.path().equals("/api/v1/keys")) {
            stage.masker().register(created.text("key"));
            stage.cleanup().register("revoke generated key " + id, () -> HTTP.as(key).delete("/api/v1/keys/" + id));
        } else {
            stage.cleanup().register("close generated drift " + id, () -> HTTP.as(key).post("/api/v1/drifts/" + id + "/ignore"));
        }
    }

    private static boolean canWrite() {
        try {
            StageAccess.requireWrites();
            return true;
        } catch (TestAbortedException skipped) {
            return false;
        }
    }

    private static String ownDrift(String key) {
        // When the stage cannot create it, the generated POSTs show why; id-based operations then get only unknown ids.
        try {
            Response created = Contract.reportOwnDrift(key, "generated", null);
            return created.statusCode() == 201 ? JsonBody.of(created).text("id") : null;
        } catch (AssertionFailedError outsideTheContract) {
            return null;
        }
    }

    private static String anyDrift(String key) {
        return JsonBody.of(HTTP.as(key).queryParam("limit", 1).get("/api/v1/drifts")).items("items").stream()
                .map(d -> d.path("id").asText()).findFirst().orElse(null);
    }
}
