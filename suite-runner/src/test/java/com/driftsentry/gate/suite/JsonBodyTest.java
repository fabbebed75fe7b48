package com.driftsentry.gate.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static Response response(int status, String contentType, String body) {
        return new ResponseBuilder().setStatusCode(status).setContentType(contentType).setBody(body).build();
    }

    @Test
    void readsFieldsNestedFieldsAndAbsentOnes() {
        JsonBody body = JsonBody.of(response(201, "application/json",
                "{\"id\":\"d-1\",\"count\":3,\"expectedState\":{\"smokeRun\":\"run-7\"},\"gone\":null}"));
        assertEquals("d-1", body.text("id"));
        assertEquals("3", body.text("count"));
        assertEquals("run-7", body.text("expectedState.smokeRun"));
        assertNull(body.text("gone"), "JSON null reads as null, as REST Assured's path did");
        assertNull(body.text("missing"));
        assertNull(body.text("expectedState.missing.deeper"));
        assertTrue(body.node("missing").isMissingNode());
    }

    @Test
    void readsTheElementsOfAnArrayAndTheFieldsOfAnObject() {
        JsonBody body = JsonBody.of(response(200, "application/json",
                "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"checks\":{\"postgres\":\"ok\",\"redis\":\"down\"},\"name\":\"x\"}"));
        assertEquals(List.of("a", "b"), body.items("items").stream().map(i -> i.path("id").asText()).toList());
        assertTrue(body.items("name").isEmpty(), "a field that is not an array has no elements");
        assertTrue(body.items("missing").isEmpty());
        assertEquals(Map.of("postgres", "ok", "redis", "down"), body.fields("checks"));
        assertEquals(List.of("postgres", "redis"), List.copyOf(body.fields("checks").keySet()), "in the body's order");
        assertTrue(body.fields("missing").isEmpty());
    }

    @Test
    void anEmptyBodyHasNoFields() {
        JsonBody body = JsonBody.of(response(204, "application/json", ""));
        assertNull(body.text("id"));
        assertTrue(body.items("items").isEmpty());
    }

    @Test
    void aBodyThatIsNotJsonIsNamedWithoutItsContent() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JsonBody.of(response(502, "text/html", "<html>dsk_secretKeyThatMustNotLeak</html>")));
        assertEquals("the response to read is not JSON: HTTP 502, text/html, 41 bytes", e.getMessage());
        assertFalse(e.getMessage().contains("dsk_"), "the body stays out of the message");
    }
}
