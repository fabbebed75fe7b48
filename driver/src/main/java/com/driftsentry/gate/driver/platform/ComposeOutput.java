package com.driftsentry.gate.driver.platform;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the compose command printed while a stack came up. Testcontainers sends it to the logger
 * {@code tc.<command>}, which driftgate silences (stdout is its result channel); kept here instead, so a
 * stack that does not come up can say what compose said.
 */
final class ComposeOutput extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final int KEEP = 200;
    private final Deque<String> lines = new ArrayDeque<>();
    private final Logger logger;
    private final Level level;
    private final boolean additive;

    private ComposeOutput(Logger logger) {
        this.logger = logger;
        this.level = logger == null ? null : logger.getLevel();
        this.additive = logger == null || logger.isAdditive();
    }

    /** Starts keeping what the compose command prints, until {@link #close()}. */
    static ComposeOutput capture() {
        if (!(LoggerFactory.getLogger("tc") instanceof Logger tc)) {
            return new ComposeOutput(null);
        }
        ComposeOutput output = new ComposeOutput(tc);
        output.setContext(tc.getLoggerContext());
        output.start();
        // Heard here only: INFO for the time the stack comes up, never passed on to stdout (ComposeHost silences it otherwise).
        tc.setLevel(Level.INFO);
        tc.setAdditive(false);
        tc.addAppender(output);
        return output;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        // Testcontainers' own lines about running compose are not what compose said.
        String message = event.getFormattedMessage();
        if (event.getLoggerName().startsWith("tc.") && !message.startsWith("Local Docker Compose") && !message.startsWith("Docker Compose has finished")) {
            message.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> {
                lines.addLast(l);
                if (lines.size() > KEEP) {
                    lines.removeFirst(); // the error comes last: keep the end
                }
            });
        }
    }

    /** The last {@value #KEEP} lines compose printed, in order. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.detachAppender(this);
            logger.setLevel(level);
            logger.setAdditive(additive);
        }
        stop();
    }
}
