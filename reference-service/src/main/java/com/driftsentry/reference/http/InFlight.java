package com.driftsentry.reference.http;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;

/**
 * The requests the server has begun and not yet completed, counted by Jetty itself: a request
 * counts until its response is written. (Counted in Javalin's after-handler, the count fell to zero
 * just before the response was written, and a drain that stopped the server then could cut it: a
 * flaky SIGTERM test, about one run in four.)
 */
public final class InFlight implements HttpChannel.Listener {
    private final AtomicInteger count = new AtomicInteger();

    /** Counts the requests of every connector of {@code server}, from the connections it accepts next. */
    public InFlight watch(Server server) {
        for (Connector connector : server.getConnectors()) {
            connector.addBean(this);
        }
        return this;
    }

    @Override
    public void onRequestBegin(Request request) {
        count.incrementAndGet();
    }

    @Override
    public void onComplete(Request request) {
        count.decrementAndGet();
    }

    public int count() {
        return count.get();
    }
}
