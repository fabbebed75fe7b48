package com.driftsentry.gate.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.gate.suite.JsonBody;
import com.driftsentry.gate.suite.Stage;
import com.driftsentry.gate.suite.StageAccess;
import com.driftsentry.gate.suite.StageHttp;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The document and the service describe the same API: every route the service reports serving is
 * documented, every documented operation is served, and (from outside, without trusting the
 * service's own list) no documented operation is answered as an unknown route.
 */
@Tag("routes")
@Order(1)
class RoutesContract {
    // Plain requests: this check is about routing, and an unknown route's 404 would otherwise fail validation first.
    private static final StageHttp ROUTING = new StageHttp();

    @Test
    void documentAndServedRoutesAreTheSame() {
        Response served = Contract.documented(StageAccess.key()).get("/api/v1/routes");
        assertEquals(200, served.statusCode(), "GET /api/v1/routes answered " + served.statusCode());
        TreeSet<String> service = JsonBody.of(served).items("items").stream()
                .map(r -> r.path("method").asText() + " " + r.path("path").asText()).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> document = new TreeSet<>(Contract.spec().documentedRoutes());
        TreeSet<String> undocumented = new TreeSet<>(service);
        undocumented.removeAll(document);
        TreeSet<String> unserved = new TreeSet<>(document);
        unserved.removeAll(service);
        assertTrue(undocumented.isEmpty() && unserved.isEmpty(), "served but not documented: " + undocumented
                + "; documented but not served: " + unserved);
    }

    @Test
    void noDocumentedOperationIsAnUnknownRoute() {
        boolean writes = !Stage.current().readOnly();
        List<String> unknown = new ArrayList<>();
        for (ContractSpec.Op op : Contract.spec().operations()) {
            if (!writes && !op.method().equals("GET")) {
                continue;
            }
            // A random id matches no resource, and no body is sent: nothing can be created or changed.
            String path = op.path().replace("{id}", UUID.randomUUID().toString());
            Response r = ROUTING.as(StageAccess.key()).request(op.method(), path);
            String detail = r.contentType() != null && r.contentType().contains("json") ? JsonBody.of(r).text("detail") : "";
            if (r.statusCode() == 405 || (r.statusCode() == 404 && detail != null && detail.startsWith("No route"))) {
                unknown.add(op + " (" + r.statusCode() + ")");
            }
        }
        assertTrue(unknown.isEmpty(), "documented operations the service answers as unknown: " + unknown);
    }
}
