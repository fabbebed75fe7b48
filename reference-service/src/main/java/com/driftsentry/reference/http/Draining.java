package com.driftsentry.reference.http;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.IntSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Graceful shutdown in the order that loses nothing: refuse new connections, let the requests
 * already in flight finish (bounded by a timeout), then stop. Responses sent while draining ask
 * the client to close its connection so keep-alive callers move elsewhere.
 */
public final class Draining {
    private static final Logger log = LoggerFactory.getLogger(Draining.class);

    private volatile boolean draining;

    public boolean isDraining() {
        return draining;
    }

    public void drain(Server server, IntSupplier inFlight, Duration timeout) {
        draining = true;
        for (Connector connector : server.getConnectors()) {
            connector.shutdown();
        }
        try {
            // In the shutdown hook's own thread: the JVM is stopping, no pool is started for this.
            await("in-flight requests to finish").atMost(timeout).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> inFlight.getAsInt() == 0);
        } catch (ConditionTimeoutException e) {
            // logged below with the count left
        }
        int left = inFlight.getAsInt();
        if (left > 0) {
            log.warn("stopping with {} request(s) still in flight after {}", left, timeout);
        }
    }
}
