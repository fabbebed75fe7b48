package com.driftsentry.gate.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.driftsentry.gate.abort.EarlyAbort;
import com.driftsentry.gate.criteria.Judge;
import com.driftsentry.gate.environment.LoadGateConfig;
import com.driftsentry.gate.evidence.EvidenceRecorder;
import com.driftsentry.gate.load.RecordedCall;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark, not a gate: the load generator's top rate on one cheap endpoint, with the gate's
 * recording ({@code -Dbench.recording=true}) or plain Gatling ({@code false}). Closed model on
 * purpose: it measures how fast the generator can go, not how a service behaves.
 * See benchmarks/recording-overhead.sh.
 */
public class RecordingOverheadSimulation extends Simulation {
    static final String URL = System.getProperty("bench.url", "http://127.0.0.1:18090/static.txt");
    static final boolean RECORDING = Boolean.parseBoolean(System.getProperty("bench.recording", "true"));
    /** What nginx's log tells this generator by: two plain ones side by side (the A/A calibration) need two names. */
    static final String AGENT = System.getProperty("bench.agent", RECORDING ? "bench-recorded" : "bench-plain");
    static final int USERS = Integer.getInteger("bench.users", 50);
    static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));

    final EvidenceRecorder recorder = new EvidenceRecorder();
    final EarlyAbort abort = new EarlyAbort(new LoadGateConfig.EarlyAbortConfig(100, 0.5, 1.0), Judge.of(new LoadGateConfig("bench",
            new LoadGateConfig.Profile(1, LENGTH, LENGTH), 0, List.of(), new LoadGateConfig.EarlyAbortConfig(100, 0.5, 1.0), Optional.empty(), "bench"),
            Optional.empty()));

    ChainBuilder get = RECORDING
            ? RecordedCall.chain("static", http("static").get(URL), List.of(200), new RecordedCall.Sink() {
                        @Override
                        public String sent(String group) {
                            recorder.sent(group);
                            return "bench";
                        }

                        @Override
                        public void record(String group, int status, long rt, boolean expected, long end) {
                            recorder.record(group, status, rt, expected, end);
                            abort.observe(group, status, rt, expected);
                        }
                    })
            : exec(http("static").get(URL));

    {
        PopulationBuilder load = scenario(RECORDING ? "recorded" : "plain").during(LENGTH).on(get).injectOpen(atOnceUsers(USERS));
        (RECORDING ? setUp(load, RecordedCall.watchdog(LENGTH, abort::tripped, () -> abort.reason().orElse(""))) : setUp(load))
                .protocols(http.shareConnections().disableCaching().userAgentHeader(AGENT));
    }

    @Override
    public void after() {
        long n = recorder.snapshot("bench", "bench", null).global().requests();
        System.out.println("bench recorded " + n + " responses" + (RECORDING ? "" : " (recording off)"));
    }
}
