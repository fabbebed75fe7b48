package com.driftsentry.reference;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.driftsentry.reference.seed.Seeder;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftApiTest {
    static RunningService api;
    static Seeder.Seeded tenant;

    @BeforeAll
    static void start() {
        api = RunningService.start(Map.of());
        tenant = api.seed("drift-api", 230);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    String report(String resourceId) {
        return api.as(tenant.adminKey()).contentType("application/json").body(DriftBodies.drift(resourceId, "high"))
                .post("/api/v1/drifts").then().statusCode(201).extract().path("id");
    }

    @Test
    void reportedDriftReadsBackWithEveryField() {
        Response created = api.as(tenant.adminKey()).contentType("application/json").body(DriftBodies.drift("sg-001", "critical"))
                .post("/api/v1/drifts");
        created.then().statusCode(201).header("Location", containsString("/api/v1/drifts/"));
        String id = created.path("id");

        api.as(tenant.readerKey()).get("/api/v1/drifts/" + id).then().statusCode(200)
                .body("resourceType", equalTo("aws_security_group")).body("resourceId", equalTo("sg-001"))
                .body("region", equalTo("us-east-1")).body("severity", equalTo("critical")).body("status", equalTo("open"))
                .body("expectedState.ingress[0].cidr", equalTo("10.0.0.0/8")).body("actualState.ingress[0].cidr", equalTo("0.0.0.0/0"))
                .body("detectedAt", notNullValue()).body("resolvedAt", nullValue())
                .body("monthlyCostDeltaUsd", equalTo(12.34f));
    }

    @Test
    void unknownOrMalformedIdIsNotFound() {
        api.as(tenant.adminKey()).get("/api/v1/drifts/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        api.as(tenant.adminKey()).get("/api/v1/drifts/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void cursorPagingVisitsEveryDriftOnceNewestFirst() {
        Set<String> seen = new HashSet<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.as(tenant.readerKey()).queryParam("limit", 50)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get("/api/v1/drifts");
            page.then().statusCode(200);
            List<String> ids = page.path("items.id");
            times.addAll(page.path("items.detectedAt"));
            ids.forEach(id -> assertTrue(seen.add(id), "drift " + id + " came twice"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 20);
        int total = api.as(tenant.readerKey()).get("/api/v1/dashboard/summary").path("total");
        assertEquals(total, seen.size());
        List<String> sorted = new ArrayList<>(times);
        sorted.sort((a, b) -> java.time.Instant.parse(b).compareTo(java.time.Instant.parse(a)));
        assertEquals(sorted, times);
    }

    @Test
    void filtersBySeverityAndStatus() {
        api.as(tenant.readerKey()).queryParam("severity", "low").queryParam("limit", 100).get("/api/v1/drifts").then()
                .statusCode(200).body("items.severity", everyItem(equalTo("low")));
        api.as(tenant.readerKey()).queryParam("status", "remediated").queryParam("limit", 100).get("/api/v1/drifts").then()
                .statusCode(200).body("items.status", everyItem(equalTo("remediated"))).body("items.resolvedAt", everyItem(notNullValue()));
    }

    @ParameterizedTest
    @CsvSource({"severity,urgent,severity", "status,done,status", "limit,0,limit", "limit,101,limit", "limit,ten,limit",
            "cursor,%%%,cursor", "cursor,bm90LWEtY3Vyc29y,cursor"})
    void badListParametersAreNamedInA400(String param, String value, String named) {
        api.as(tenant.readerKey()).queryParam(param, value).get("/api/v1/drifts").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(named));
    }

    @Test
    void everyTransitionAllowedAndRefused() {
        String a = report("sg-t1");
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + a + "/acknowledge").then().statusCode(200).body("status", equalTo("acknowledged"));
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + a + "/acknowledge").then().statusCode(409);
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + a + "/remediate").then().statusCode(200)
                .body("status", equalTo("remediated")).body("resolvedAt", notNullValue());
        for (String t : List.of("acknowledge", "remediate", "ignore")) {
            api.as(tenant.adminKey()).post("/api/v1/drifts/" + a + "/" + t).then().statusCode(409)
                    .body("detail", containsString("remediated"));
        }

        String b = report("sg-t2");
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + b + "/ignore").then().statusCode(200).body("status", equalTo("ignored"));
        for (String t : List.of("acknowledge", "remediate", "ignore")) {
            api.as(tenant.adminKey()).post("/api/v1/drifts/" + b + "/" + t).then().statusCode(409);
        }

        String c = report("sg-t3");
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + c + "/remediate").then().statusCode(200);
        String d = report("sg-t4");
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + d + "/acknowledge").then().statusCode(200);
        api.as(tenant.adminKey()).post("/api/v1/drifts/" + d + "/ignore").then().statusCode(200).body("status", equalTo("ignored"));
    }

    @Test
    void idempotencyKeyReturnsTheFirstResult() {
        String body = DriftBodies.drift("sg-idem", "medium");
        Response first = api.as(tenant.adminKey()).contentType("application/json").header("Idempotency-Key", "idem-1").body(body).post("/api/v1/drifts");
        Response again = api.as(tenant.adminKey()).contentType("application/json").header("Idempotency-Key", "idem-1").body(body).post("/api/v1/drifts");
        first.then().statusCode(201);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.<String>path("id"), again.<String>path("id"));

        api.as(tenant.adminKey()).contentType("application/json").header("Idempotency-Key", "idem-1")
                .body(DriftBodies.drift("sg-other", "medium")).post("/api/v1/drifts").then().statusCode(422)
                .body("detail", containsString("Idempotency-Key"));
        api.as(tenant.adminKey()).contentType("application/json").header("Idempotency-Key", "bad key with spaces")
                .body(body).post("/api/v1/drifts").then().statusCode(400);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneDrift() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> api.as(tenant.adminKey()).contentType("application/json")
                        .header("Idempotency-Key", "idem-race").body(DriftBodies.drift("sg-race", "low"))
                        .post("/api/v1/drifts").then().statusCode(201).extract().<String>path("id"), pool));
            }
            Set<String> ids = new HashSet<>();
            for (CompletableFuture<String> call : calls) {
                ids.add(call.get());
            }
            assertEquals(1, ids.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void auditTrailRecordsWhoDidWhatWithTheRequestId() {
        String id = report("sg-audit");
        api.as(tenant.adminKey()).header("X-Request-Id", "req-audit-42").post("/api/v1/drifts/" + id + "/acknowledge").then().statusCode(200);

        api.as(tenant.adminKey()).get("/api/v1/audit?limit=200").then().statusCode(200)
                .body("items.find { it.requestId == 'req-audit-42' }.action", equalTo("drift.acknowledged"))
                .body("items.find { it.requestId == 'req-audit-42' }.targetId", equalTo(id))
                .body("items.find { it.requestId == 'req-audit-42' }.actorKeyId", notNullValue())
                .body("items.find { it.requestId == 'req-audit-42' }.createdAt", notNullValue())
                .body("items.action", hasItems("drift.reported", "tenant.seeded"));
        api.as(tenant.adminKey()).get("/api/v1/audit?limit=0").then().statusCode(400);
        api.as(tenant.adminKey()).get("/api/v1/audit?cursor=abc").then().statusCode(400);
    }

    @Test
    void keyOperationsAreAudited() {
        api.as(tenant.adminKey()).contentType("application/json").body("{\"name\":\"audited\",\"role\":\"reader\"}")
                .post("/api/v1/keys").then().statusCode(201);
        String id = api.as(tenant.adminKey()).get("/api/v1/keys").path("items.find { it.name == 'audited' }.id");
        api.as(tenant.adminKey()).delete("/api/v1/keys/" + id).then().statusCode(204);
        api.as(tenant.adminKey()).get("/api/v1/audit?limit=200").then()
                .body("items.findAll { it.targetId == '" + id + "' }.action", hasItems("key.created", "key.revoked"));
    }
}
