package com.driftsentry.gate.evidence;

import com.driftsentry.gate.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.driftsentry.gate.environment.ConfigError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Evidence as a JSON file ({@code driftsentry-evidence/1}): histograms as base64 of HdrHistogram's
 * compressed encoding, so that another run's or another machine's file merges exactly.
 */
public final class EvidenceFile {
    public static final String FORMAT = "driftsentry-evidence/1";

    private EvidenceFile() {
    }

    public static void write(Evidence evidence, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, bytes(evidence));
    }

    /** The file's bytes: what a generator of a scaled-out run writes into the stage's store. */
    public static byte[] bytes(Evidence evidence) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("simulation", evidence.simulation());
        root.put("environment", evidence.environment());
        ArrayNode stops = root.putArray("stoppedEarly");
        evidence.stoppedEarly().forEach(stops::add);
        if (evidence.cache() != null) {
            root.putObject("cache").put("hits", evidence.cache().hits()).put("misses", evidence.cache().misses());
        }
        if (!evidence.memory().isEmpty()) {
            // Columns rather than objects: an eight-hour soak holds about a thousand samples.
            root.putArray("memoryColumns").add("epochMillis").add("residentBytes").add("heapBytes");
            ArrayNode rows = root.putArray("memory");
            evidence.memory().samples().forEach(s -> rows.addArray().add(s.at().toEpochMilli()).add(s.residentBytes()).add(s.heapBytes()));
        }
        ObjectNode groups = root.putObject("groups");
        evidence.groups().forEach((name, g) -> {
            ObjectNode n = groups.putObject(name);
            n.put("unit", "ms");
            n.put("requests", g.requests());
            n.put("histogram", encode(g.histogram()));
            ObjectNode classes = n.putObject("statusClasses");
            g.statusClasses().forEach(classes::put);
            n.put("unexpected", g.unexpected());
            n.put("windowStart", g.windowStart() == null ? null : g.windowStart().toString());
            n.put("windowEnd", g.windowEnd() == null ? null : g.windowEnd().toString());
        });
        try {
            return Json.PRETTY.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Evidence read(Path file) {
        try {
            return read(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ConfigError(file + ": is not a readable evidence file (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Evidence from its bytes (a stage store's history); {@code file} names it in errors. */
    public static Evidence read(byte[] bytes, String file) {
        try {
            JsonNode root = Json.MAPPER.readTree(bytes);
            if (!FORMAT.equals(root.path("format").asText())) {
                throw new ConfigError(file + ": format: expected " + FORMAT + ", found '" + root.path("format").asText() + "'");
            }
            Map<String, GroupEvidence> groups = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("groups").properties()) {
                JsonNode n = e.getValue();
                Map<String, Long> classes = GroupEvidence.zeroClasses();
                n.path("statusClasses").properties().forEach(c -> classes.put(c.getKey(), c.getValue().asLong()));
                groups.put(e.getKey(), new GroupEvidence(e.getKey(), decode(n.path("histogram").asText()), classes,
                        n.path("unexpected").asLong(), instant(n.path("windowStart")), instant(n.path("windowEnd"))));
            }
            List<String> stops = new ArrayList<>();
            root.path("stoppedEarly").forEach(s -> stops.add(s.asText()));
            JsonNode cache = root.path("cache");
            return new Evidence(root.path("simulation").asText(), root.path("environment").asText(), groups,
                    cache.isMissingNode() ? null : new Evidence.CacheCounters(cache.path("hits").asLong(), cache.path("misses").asLong()),
                    stops, memory(root.path("memory")));
        } catch (IOException | DataFormatException | RuntimeException e) {
            if (e instanceof ConfigError c) {
                throw c;
            }
            throw new ConfigError(file + ": is not a readable evidence file (" + e.getClass().getSimpleName() + ")");
        }
    }

    static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static Histogram decode(String base64) throws DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
    }

    private static MemorySeries memory(JsonNode rows) {
        List<MemorySeries.Sample> samples = new ArrayList<>();
        rows.forEach(r -> samples.add(new MemorySeries.Sample(Instant.ofEpochMilli(r.get(0).asLong()), r.get(1).asLong(), r.get(2).asLong())));
        return new MemorySeries(samples);
    }

    private static Instant instant(JsonNode node) {
        return node.isTextual() ? Instant.parse(node.asText()) : null;
    }
}
