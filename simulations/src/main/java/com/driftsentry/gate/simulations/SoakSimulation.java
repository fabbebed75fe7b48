package com.driftsentry.gate.simulations;

/**
 * The API mix held for a long time, to find leaks and slow drift: run it with a long hold,
 * e.g. {@code -Dgate.simulation=SoakSimulation -Dgate.hold=30m}. Groups: drifts, dashboard, writes.
 */
public class SoakSimulation extends ApiMixSimulation {
}
