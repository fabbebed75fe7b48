package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.http.HttpDsl.http;

import com.driftsentry.gate.environment.LoadGateConfig;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What every gated simulation shares, so that a simulation itself reads like Gatling's demo:
 * named chains, scenarios, {@code setUp} last. The target, keys, load profile and thresholds come
 * from the environment; every request made with {@link #call} is recorded into the gate's evidence,
 * and {@link #earlyAbort} beside the scenarios stops the load when the early abort decides.
 */
public abstract class GatedSimulation extends Simulation {
    protected final GateRun gate;

    protected GatedSimulation(String... groups) {
        this.gate = GateRun.start(getClass().getSimpleName(), Set.copyOf(Arrays.asList(groups)));
    }

    /** HTTP towards the environment's target; requests carry the reader key unless they say otherwise. */
    protected HttpProtocolBuilder protocol() {
        HttpProtocolBuilder protocol = http.baseUrl(gate.baseUrl()).acceptHeader("application/json");
        if (gate.readerKey() != null) {
            protocol = protocol.header("X-API-Key", gate.readerKey());
        }
        return protocol
                .userAgentHeader("driftsentry-gate/" + getClass().getSimpleName())
                // Measure what the server answers, never Gatling's HTTP cache.
                .disableCaching()
                .shareConnections();
    }

    /**
     * One recorded request in a request group (a threshold scope). {@code expected} lists the
     * statuses the scenario counts as success; anything else is an error in the evidence and a KO
     * in Gatling's report, where the request goes by its group's name. {@code request} makes it from {@code http(group)}.
     */
    protected ChainBuilder call(String group, Function<Http, HttpRequestActionBuilder> request, Integer... expected) {
        List<Integer> ok = expected.length == 0 ? List.of(200) : List.of(expected);
        return RecordedCall.chain(group, request, ok, gate.recording());
    }

    /** The early abort's watchdog for a load of the environment's profile: give it beside the scenarios to {@code setUp}. */
    protected PopulationBuilder earlyAbort() {
        return earlyAbort(gate.load().profile().total());
    }

    /** The same for a load of {@code length} that does not follow the profile. */
    protected PopulationBuilder earlyAbort(Duration length) {
        return RecordedCall.watchdog(length, gate::aborted, gate::abortReason);
    }

    /** The environment's open-model profile, scaled by this scenario's share of the arrivals. */
    protected PopulationBuilder openLoad(ScenarioBuilder scenario, double share) {
        LoadGateConfig.Profile p = gate.load().profile();
        // A generator of a scaled-out run makes its share: together they make the profile, from the same 1/s start.
        double peak = Math.max(0.01, p.rampToPerSecond() * share * gate.share());
        return scenario.injectOpen(
                rampUsersPerSec(Math.min(gate.share(), peak)).to(peak).during(p.over()),
                constantUsersPerSec(peak).during(p.hold()));
    }

    protected Assertion[] assertions() {
        if (!gate.judgedHere()) {
            // A generator's share is never judged alone (each k6 instance judging its own thresholds is what this avoids).
            return new Assertion[0];
        }
        return GatlingAssertions.from(gate.judge().criteria()).toArray(Assertion[]::new);
    }

    @Override
    public void before() {
        gate.beforeRun();
    }

    @Override
    public void after() {
        gate.finish();
    }
}
