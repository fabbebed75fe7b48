package com.driftsentry.gate.history;

/**
 * A change the rule found in a history: in {@code scope}, the {@code metric} ("latency" or
 * "errorRate") moved up from run {@code from} (its id {@code fromId}) and the rule was sure of it
 * at run {@code confirmedAt}; {@code size} says by how much, as people read it.
 */
public record Change(String scope, String metric, int from, String fromId, int confirmedAt, double effect, String size) {
    /** Runs between the first changed run and the alarm: 0 when the first changed run already confirmed it. */
    public int delay() {
        return confirmedAt - from;
    }
}
