package com.driftsentry.gate.driver.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the compose command printed while a stack came up. Testcontainers sends it to the logger
 * {@code tc.<command>}, which driftgate silences (stdout is its result channel); kept here instead, so a
 * stack that does not come up can say what compose said.
 */
final class ComposeOutput extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final int KEEP = 200;
    private final List<String> lines = new ArrayList<>();
    private final Logger logger;
    private final Level before;

    private ComposeOutput(Logger logger) {
        this.logger = logger;
        this.before = logger.getLevel();
    }

    /** Starts keeping what the compose command prints, until {@link #close()}. */
    static ComposeOutput capture() {
        if (!(LoggerFactory.getLogger("tc") instanceof Logger tc)) {
            return new ComposeOutput(null);
        }
        ComposeOutput output = new ComposeOutput(tc);
        output.setContext(tc.getLoggerContext());
        output.start();
        tc.setLevel(Level.INFO);
        tc.setAdditive(false);
        tc.addAppender(output);
        return output;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        // Testcontainers' own lines about running compose are not what compose said.
        if (event.getLoggerName().startsWith("tc.") && lines.size() < KEEP && !event.getFormattedMessage().startsWith("Local Docker Compose")
                && !event.getFormattedMessage().startsWith("Docker Compose has finished")) {
            event.getFormattedMessage().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
        }
    }

    /** The lines compose printed, in order (the first {@value #KEEP}). */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.detachAppender(this);
            logger.setLevel(before);
        }
        stop();
    }
}
