package com.driftsentry.gate.bench;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark, not a gate: the load generator's top rate on one cheap endpoint, plain Gatling against Gatling with the
 * gate's recording, in short slices that take turns inside one JVM (closed model: it measures how fast the generator
 * can go, not how a service behaves). Each round runs a slice of plain, of plain again (the A/A calibration) and of
 * recorded, the round's order rotated; round 0, three times as long, warms the JIT up and is not counted. Every
 * request names its slice in its query string, so nginx's access log tells the slices apart. See benchmarks/recording-overhead.sh.
 */
public class RecordingOverheadSimulation extends Simulation {
    static final String URL = System.getProperty("bench.url", "http://127.0.0.1:18090/static.txt");
    static final int USERS = Integer.getInteger("bench.users", 50);
    static final int ROUNDS = Integer.getInteger("bench.rounds", 10);
    static final Duration SLICE = Duration.ofSeconds(Integer.getInteger("bench.slice", 4));
    /** Which slices a round runs; {@code grouped} (the recording inside a Gatling group, as before issue 27) can be added. */
    static final List<String> KINDS = List.of(System.getProperty("bench.kinds", "plain,plain-again,recorded").split(","));

    final EvidenceRecorder recorder = new EvidenceRecorder();
    final EarlyAbort abort = new EarlyAbort(new LoadGateConfig.EarlyAbortConfig(100, 0.5, 1.0), Judge.of(new LoadGateConfig("bench",
            new LoadGateConfig.Profile(1, SLICE, SLICE), 0, List.of(), new LoadGateConfig.EarlyAbortConfig(100, 0.5, 1.0), Optional.empty(), "bench"),
            Optional.empty()));
    final RecordedCall.Sink sink = new RecordedCall.Sink() {
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
    };

    ChainBuilder get(String kind, int round) {
        String url = URL + "?slice=" + kind + "-" + round;
        return switch (kind) {
            case "recorded" -> RecordedCall.chain("static", request -> request.get(url), List.of(200), sink);
            case "grouped" -> group("static").on(RecordedCall.chain("static", request -> request.get(url), List.of(200), sink));
            default -> exec(http("static").get(url));
        };
    }

    {
        List<PopulationBuilder> slices = new ArrayList<>();
        Duration whole = Duration.ZERO;
        for (int round = 0; round <= ROUNDS; round++) {
            Duration length = round == 0 ? SLICE.multipliedBy(3) : SLICE;
            for (int k = 0; k < KINDS.size(); k++) {
                whole = whole.plus(length);
                String kind = KINDS.get((k + round) % KINDS.size());
                slices.add(scenario(kind + " " + round).during(length).on(get(kind, round)).injectOpen(atOnceUsers(USERS)));
            }
        }
        PopulationBuilder sequence = slices.get(slices.size() - 1);
        for (int i = slices.size() - 2; i >= 0; i--) {
            sequence = slices.get(i).andThen(sequence);
        }
        // The watchdog runs beside every slice, plain ones too; it asks the rule ten times a second, next to thousands of requests.
        setUp(sequence, RecordedCall.watchdog(whole, abort::tripped, () -> abort.reason().orElse("")))
                .protocols(http.shareConnections().disableCaching());
    }

    @Override
    public void after() {
        System.out.println("bench recorded " + recorder.snapshot("bench", "bench", null).global().requests() + " responses");
    }
}
