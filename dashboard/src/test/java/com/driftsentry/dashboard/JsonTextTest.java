package com.driftsentry.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the dashboard writes is JSON a real parser reads back unchanged, whatever a version or an address holds. */
class JsonTextTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"0.3.0", "0.3.0\"}, \"admin\": true, \"x\": \"", "C:\\builds\\7", "line\nbreak\ttab\r", "\u0000\u001f\u007f",
            "€ ünïcödé 🚀", "\u2028\u2029", ""})
    void everyValueRoundTripsThroughJackson(String value) throws Exception {
        JsonNode read = JACKSON.readTree(JsonText.object("status", "ok", "version", value));
        assertEquals(2, read.size(), "no member injected: " + read);
        assertEquals("ok", read.get("status").asText());
        assertEquals(value, read.get("version").asText());
    }

    @Test
    void aNullValueIsNullAndPairsAreRequired() throws Exception {
        assertTrue(JACKSON.readTree(JsonText.object("apiBaseUrl", null)).get("apiBaseUrl").isNull());
        assertThrows(IllegalArgumentException.class, () -> JsonText.object("only a name"));
    }
}
