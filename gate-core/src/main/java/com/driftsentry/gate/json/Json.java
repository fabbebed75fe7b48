package com.driftsentry.gate.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * The one JSON configuration of the gate (and the one YAML): times as ISO-8601 text, records bound by Jackson, no JSON
 * written by hand. {@link #MAPPER} writes compact (a ledger line, a lock); {@link #PRETTY} indents what people open
 * (verdict.json, evidence, --json). Both are immutable and shared. (The reference service and the dashboard are the
 * system under test and keep their own; see docs/gates.md.)
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    public static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    public static final ObjectMapper YAML = YAMLMapper.builder().addModule(new JavaTimeModule()).build();

    private Json() {
    }

    /** Compact JSON of a value the gate built itself, so it always serializes. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Indented JSON, for what people read. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
