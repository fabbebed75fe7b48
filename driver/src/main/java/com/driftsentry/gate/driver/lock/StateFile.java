package com.driftsentry.gate.driver.lock;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;

/** The small JSON objects that guard a stage (its lock, its intent): times as ISO-8601 text. */
final class StateFile {

    private StateFile() {
    }

    static byte[] bytes(Object value) {
        try {
            return Json.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
