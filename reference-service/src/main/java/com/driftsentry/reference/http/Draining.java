package com.driftsentry.reference.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
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
        // The one wait not done with Awaitility: it runs in the JVM's shutdown hook, where only the
        // JDK is trusted to work (with Awaitility here an in-flight request was cut once in two test runs).
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.getAsInt() > 0 && System.nanoTime() < deadline) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = inFlight.getAsInt();
        if (left > 0) {
            log.warn("stopping with {} request(s) still in flight after {}", left, timeout);
        }
    }
}
