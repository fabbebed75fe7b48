package com.driftsentry.gate.load;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A request wrapped so that its status and response time reach the gate: saved by checks that
 * always succeed, handed to a sink after the request (or, when no response came, the time since
 * it was sent), followed by the early-abort check. Gatling still marks unexpected statuses KO.
 */
public final class RecordedCall {
    private static final String STATUS = "gate.status";
    private static final String RESPONSE_TIME = "gate.rt";
    private static final String STARTED = "gate.t0";

    /** Where recorded responses go. */
    @FunctionalInterface
    public interface Sink {
        void record(String group, int status, long responseTimeMs, boolean expected, long endEpochMs);
    }

    private RecordedCall() {
    }

    public static ChainBuilder chain(String group, HttpRequestActionBuilder request, List<Integer> expected, Sink sink,
                                     BooleanSupplier abort, Supplier<String> abortReason) {
        return exec(session -> session.removeAll(STATUS, RESPONSE_TIME).set(STARTED, System.currentTimeMillis()))
                .exec(group(group).on(exec(request.check(
                        status().saveAs(STATUS),
                        responseTimeInMillis().saveAs(RESPONSE_TIME),
                        status().in(expected)))))
                .exec(session -> record(group, expected, session, sink))
                .exec(stopLoadGeneratorIf(session -> "gate early abort: " + abortReason.get(), session -> abort.getAsBoolean()));
    }

    private static Session record(String group, List<Integer> expected, Session session, Sink sink) {
        long now = System.currentTimeMillis();
        int status = session.contains(STATUS) ? session.getInt(STATUS) : 0;
        long rt = session.contains(RESPONSE_TIME) ? session.getInt(RESPONSE_TIME) : now - session.getLong(STARTED);
        sink.record(group, status, rt, expected.contains(status), now);
        return session.removeAll(STATUS, RESPONSE_TIME);
    }
}
