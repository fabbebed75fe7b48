package com.driftsentry.gate.scaleout;

import com.driftsentry.gate.evidence.Evidence;
import com.driftsentry.gate.evidence.EvidenceFile;
import com.driftsentry.gate.json.Json;
import com.driftsentry.gate.store.StageStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a scaled-out run's coordinator and its generators talk: small objects under {@code scaleout/<run id>/} in the stage's
 * store, each written whole by one side, so the same protocol runs over a folder (local generators) and S3 (tasks on ECS).
 * <ul>
 *   <li>{@code ready/<i>.json}: generator i is up and waits for the start (its host, pid and clock);</li>
 *   <li>{@code ping/<i>.json} and {@code pong/<i>.json}: the coordinator's clock reading and the generator's answer with its
 *       own, from which the coordinator measures the generator's clock offset;</li>
 *   <li>{@code start.json}: the one start time (coordinator's clock) and the interval length;</li>
 *   <li>{@code stop.json}: the stop every generator obeys (an early abort, a generator that failed, a cancelled run);</li>
 *   <li>{@code intervals/<i>/<k>.json}: what generator i recorded in interval k (evidence: histograms add exactly);</li>
 *   <li>{@code final/<i>.json}: its whole run's evidence, then {@code done/<i>.json}: when it stopped and why.</li>
 * </ul>
 */
public final class RunChannel {
    /** Where every run's channel is kept: infra/ expires it after a week and lets a generator task touch nothing else. */
    public static final String PREFIX = "scaleout/";

    private final StageStore store;
    private final String prefix;

    public RunChannel(StageStore store, String runId) {
        this.store = store;
        // Not under runs/, which holds the history's run notes (StageEvidence): a listing of those must not find a channel.
        this.prefix = PREFIX + runId + "/";
    }

    /** Generator i is up, on this host and pid, its clock at {@code clock}. */
    public record Ready(int index, String host, long pid, Instant clock) {
    }

    /** The start every generator waits for, and how long each interval of evidence is. */
    public record Start(Instant at, Duration interval) {
    }

    /** Why the run stops, and when the coordinator said so (its clock). */
    public record Stop(String reason, Instant at) {
    }

    /** How generator i ended: when it stopped sending (its clock), whether it obeyed a stop, and how many intervals it wrote. */
    public record Done(int index, Instant stoppedAt, boolean obeyedStop, int intervals) {
    }

    /** The coordinator's clock reading in a ping, and the generator's own reading when it answered. */
    public record Pong(Instant sent, Instant clock) {
    }

    public String where() {
        return store.where(prefix);
    }

    public void ready(Ready ready) {
        write("ready/" + ready.index() + ".json", ready);
    }

    public Map<Integer, Ready> ready() {
        return all("ready/", Ready.class);
    }

    public void ping(int index, Instant sent) {
        write("ping/" + index + ".json", Map.of("sent", sent.toString()));
    }

    public Optional<Instant> pinged(int index) {
        return read("ping/" + index + ".json", JsonNode.class).map(n -> Instant.parse(n.path("sent").asText()));
    }

    public void pong(int index, Pong pong) {
        write("pong/" + index + ".json", pong);
    }

    public Optional<Pong> pong(int index) {
        return read("pong/" + index + ".json", Pong.class);
    }

    public void start(Start start) {
        write("start.json", start);
    }

    public Optional<Start> start() {
        return read("start.json", Start.class);
    }

    /** The first stop wins: a later reason never replaces the one the generators may already obey. */
    public void stop(Stop stop) {
        store.create(prefix + "stop.json", Json.write(stop).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Optional<Stop> stop() {
        return read("stop.json", Stop.class);
    }

    public void interval(int index, int k, Evidence evidence) {
        store.put(prefix + intervalKey(index, k), EvidenceFile.bytes(evidence));
    }

    /** Generator i's intervals written so far, by number. */
    public Map<Integer, Evidence> intervals(int index) {
        Map<Integer, Evidence> found = new TreeMap<>();
        for (String key : store.list(prefix + "intervals/" + index + "/")) {
            store.read(key).ifPresent(s -> found.put(number(key), EvidenceFile.read(s.body(), store.where(key))));
        }
        return found;
    }

    /** Generator i's interval k, once written. */
    public Optional<Evidence> interval(int index, int k) {
        String key = prefix + intervalKey(index, k);
        return store.read(key).map(s -> EvidenceFile.read(s.body(), store.where(key)));
    }

    /** How many intervals generator i has written so far (a listing, no object read). */
    public int intervalCount(int index) {
        return store.list(prefix + "intervals/" + index + "/").size();
    }

    public void finished(int index, Evidence evidence, Done done) {
        store.put(prefix + "final/" + index + ".json", EvidenceFile.bytes(evidence));
        write("done/" + index + ".json", done);
    }

    public Optional<Evidence> finalEvidence(int index) {
        String key = prefix + "final/" + index + ".json";
        return store.read(key).map(s -> EvidenceFile.read(s.body(), store.where(key)));
    }

    public Optional<Done> done(int index) {
        return read("done/" + index + ".json", Done.class);
    }

    private static String intervalKey(int index, int k) {
        // Zero-padded: the store lists keys in order, and interval 10 comes after 9.
        return String.format(java.util.Locale.ROOT, "intervals/%d/%05d.json", index, k);
    }

    private void write(String key, Object value) {
        store.put(prefix + key, Json.write(value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        return store.read(prefix + key).map(s -> {
            try {
                return Json.MAPPER.readValue(s.body(), type);
            } catch (IOException e) {
                throw new UncheckedIOException(store.where(prefix + key) + " is not what a generator or coordinator writes", e);
            }
        });
    }

    private <T> Map<Integer, T> all(String folder, Class<T> type) {
        Map<Integer, T> found = new TreeMap<>();
        for (String key : store.list(prefix + folder)) {
            read(key.substring(prefix.length()), type).ifPresent(v -> found.put(number(key), v));
        }
        return found;
    }

    /** The number a key ends with: {@code …/ready/2.json} is generator 2, {@code …/intervals/1/00007.json} interval 7. */
    private static int number(String key) {
        return Integer.parseInt(key.substring(key.lastIndexOf('/') + 1).replace(".json", ""));
    }
}
