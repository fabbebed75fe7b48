package com.driftsentry.reference;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.driftsentry.reference.seed.Seeder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticationTest {
    static RunningService api;
    static Seeder.Seeded acme;
    static Seeder.Seeded globex;

    @BeforeAll
    static void start() {
        api = RunningService.start(Map.of());
        acme = api.seed("acme", 20);
        globex = api.seed("globex", 20);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void missingKeyIsUnauthorized() {
        api.anonymous().get("/api/v1/drifts").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("Missing X-API-Key"));
    }

    @Test
    void anyValidKeyListsTheServedRoutesAndNothingElseDoes() {
        api.anonymous().get("/api/v1/routes").then().statusCode(401);
        api.as(acme.readerKey()).get("/api/v1/routes").then().statusCode(200)
                .body("items.collect { it.method + ' ' + it.path }", hasItem("GET /api/v1/drifts/{id}"))
                .body("items.collect { it.method + ' ' + it.path }", hasItem("DELETE /api/v1/keys/{id}"))
                .body("items.method", everyItem(not(equalTo("OPTIONS"))));
    }

    @Test
    void wrongOrMalformedKeyIsUnauthorized() {
        String wrongSecret = acme.adminKey().substring(0, 15) + "A".repeat(32);
        for (String key : List.of(wrongSecret, "not-a-key", "dsk_" + "x".repeat(200))) {
            api.as(key).get("/api/v1/drifts").then().statusCode(401).body("status", equalTo(401));
        }
    }

    @Test
    void revokedKeyStopsWorkingAtOnceEvenAfterItWasCached() {
        String key = api.as(acme.adminKey()).contentType("application/json").body("{\"name\":\"ci\",\"role\":\"reader\"}")
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        String id = api.as(acme.adminKey()).get("/api/v1/keys").then().statusCode(200)
                .extract().path("items.find { it.name == 'ci' }.id");
        api.as(key).get("/api/v1/drifts").then().statusCode(200);
        api.as(key).get("/api/v1/drifts").then().statusCode(200);

        api.as(acme.adminKey()).delete("/api/v1/keys/" + id).then().statusCode(204);

        api.as(key).get("/api/v1/drifts").then().statusCode(401).body("detail", containsString("revoked"));
        api.as(acme.adminKey()).delete("/api/v1/keys/" + id).then().statusCode(404);
    }

    @Test
    void createdKeyIsShownOnceAndNeverListed() {
        api.as(acme.adminKey()).contentType("application/json").body("{\"name\":\"deployer\",\"role\":\"admin\"}")
                .post("/api/v1/keys").then().statusCode(201)
                .body("key", startsWith("dsk_")).body("role", equalTo("admin")).body("prefix", notNullValue());
        api.as(acme.adminKey()).get("/api/v1/keys").then().statusCode(200)
                .body("items.name", hasItem("deployer"))
                .body("items.key", everyItem(nullValue()))
                .body(not(containsString("key_hash")));
    }

    @Test
    void keyCreationRejectsBadInput() {
        api.as(acme.adminKey()).contentType("application/json").body("{\"name\":\"x\",\"role\":\"owner\"}")
                .post("/api/v1/keys").then().statusCode(400).body("detail", containsString("role"));
        api.as(acme.adminKey()).contentType("application/json").body("{\"role\":\"reader\"}")
                .post("/api/v1/keys").then().statusCode(400).body("detail", containsString("name"));
        api.as(acme.adminKey()).contentType("application/json").body("{\"name\":\"x\",\"role\":\"reader\",\"scope\":\"all\"}")
                .post("/api/v1/keys").then().statusCode(400).body("detail", containsString("scope"));
    }

    @Test
    void readerReadsButCannotWrite() {
        api.as(acme.readerKey()).get("/api/v1/drifts").then().statusCode(200);
        api.as(acme.readerKey()).get("/api/v1/dashboard/summary").then().statusCode(200);
        String id = api.as(acme.readerKey()).get("/api/v1/drifts").then().extract().path("items[0].id");

        api.as(acme.readerKey()).contentType("application/json").body(DriftBodies.drift("sg-r", "low"))
                .post("/api/v1/drifts").then().statusCode(403).body("detail", containsString("reader"));
        for (String t : List.of("acknowledge", "remediate", "ignore")) {
            api.as(acme.readerKey()).post("/api/v1/drifts/" + id + "/" + t).then().statusCode(403);
        }
        api.as(acme.readerKey()).contentType("application/json").body("{\"name\":\"x\",\"role\":\"admin\"}")
                .post("/api/v1/keys").then().statusCode(403);
        api.as(acme.readerKey()).get("/api/v1/keys").then().statusCode(403);
        api.as(acme.readerKey()).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void anotherTenantsDriftIsNotFoundNeverForbidden() {
        String globexDrift = api.as(globex.adminKey()).get("/api/v1/drifts").then().extract().path("items[0].id");

        api.as(acme.adminKey()).get("/api/v1/drifts/" + globexDrift).then().statusCode(404);
        api.as(acme.adminKey()).post("/api/v1/drifts/" + globexDrift + "/acknowledge").then().statusCode(404);
        api.as(acme.adminKey()).get("/api/v1/drifts?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem(globexDrift)));
        api.as(acme.adminKey()).get("/api/v1/dashboard/summary").then().body("tenantId", equalTo(acme.tenantId().toString()))
                .body("total", equalTo(20));
    }

    @Test
    void anotherTenantsKeyCannotBeRevoked() {
        String globexKeyId = api.as(globex.adminKey()).get("/api/v1/keys").then().extract().path("items[0].id");
        api.as(acme.adminKey()).delete("/api/v1/keys/" + globexKeyId).then().statusCode(404);
        api.as(globex.adminKey()).get("/api/v1/keys").then().statusCode(200);
    }
}
