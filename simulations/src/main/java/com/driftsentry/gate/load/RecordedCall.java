package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.Http;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A request wrapped so that every response reaches the gate without extra steps in the chain:
 * the request id header is computed as the request goes out (which counts it as sent), and the
 * response is recorded as it arrives (status and Gatling's own start and end timestamps). A sent
 * request that never got a response counts as one without a response. Gatling still marks
 * unexpected statuses KO. The early abort is watched by one virtual user of its own
 * ({@link #watchdog}), not by an action after every request: that action cost the generator about
 * 8% of its top rate (docs/performance.md, issue 27).
 *
 * <p>The request is named after its group, and no Gatling group wraps it: Gatling's report and assertions see one
 * request name per group, with the same statistics a group of single requests had, and the group's two actions and
 * its record per request cost the generator about 10% of its top rate.
 */
public final class RecordedCall {
    /** How often the watchdog asks the early abort: the stop reaches Gatling at most this much later. */
    static final Duration WATCH = Duration.ofMillis(100);

    /** Where recorded requests go. */
    public interface Sink {
        /** Called as a request leaves; returns the request id to send. */
        String sent(String group);

        void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs);
    }

    private RecordedCall() {
    }

    /** {@code request} makes the request from {@code http(group)}: a method, a path, and any checks of its own. */
    public static ChainBuilder chain(String group, Function<Http, HttpRequestActionBuilder> request, List<Integer> expected, Sink sink) {
        // The response is recorded in the status check's condition, not in transformResponse: a response transformer makes
        // Gatling keep every response's body (HttpRequestBuilder: storeBodyParts), which the gate never reads.
        HttpRequestActionBuilder recorded = request.apply(http(group))
                .header("X-Request-Id", session -> sink.sent(group))
                .checkIf((response, session) -> {
                    int status = response.status().code();
                    sink.record(group, status, response.endTimestamp() - response.startTimestamp(), expected.contains(status),
                            response.endTimestamp());
                    return true;
                })
                .then(status().in(expected));
        return exec(recorded);
    }

    /**
     * One virtual user that asks {@code abort} every {@link #WATCH} for {@code length} (the load's own length) and stops
     * the load generator, every scenario of it, as soon as it says so. It sends no request.
     */
    public static PopulationBuilder watchdog(Duration length, BooleanSupplier abort, Supplier<String> reason) {
        return scenario("gate early abort").exec(during(length).on(pause(WATCH)
                        .exec(stopLoadGeneratorIf(session -> "gate early abort: " + reason.get(), session -> abort.getAsBoolean()))))
                .injectOpen(atOnceUsers(1));
    }
}
