package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A request wrapped so that every response reaches the gate without extra steps in the chain:
 * the request id header is computed as the request goes out (which counts it as sent), and the
 * response is recorded as it arrives (status and Gatling's own start and end timestamps). A sent
 * request that never got a response counts as one without a response. Gatling still marks
 * unexpected statuses KO, and the early-abort check follows each request.
 */
public final class RecordedCall {

    /** Where recorded requests go. */
    public interface Sink {
        /** Called as a request leaves; returns the request id to send. */
        String sent(String group);

        void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs);
    }

    private RecordedCall() {
    }

    public static ChainBuilder chain(String group, HttpRequestActionBuilder request, List<Integer> expected, Sink sink,
                                     BooleanSupplier abort, Supplier<String> abortReason) {
        HttpRequestActionBuilder recorded = request
                .header("X-Request-Id", session -> sink.sent(group))
                .transformResponse((response, session) -> {
                    int status = response.status().code();
                    sink.record(group, status, response.endTimestamp() - response.startTimestamp(), expected.contains(status),
                            response.endTimestamp());
                    return response;
                })
                .check(status().in(expected));
        return group(group).on(exec(recorded))
                .exec(stopLoadGeneratorIf(session -> "gate early abort: " + abortReason.get(), session -> abort.getAsBoolean()));
    }
}
