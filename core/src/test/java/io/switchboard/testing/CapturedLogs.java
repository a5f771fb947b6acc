package io.switchboard.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything Switchboard and Netty log while it is open, at every level: {@code try (var logs = CapturedLogs.start())
 * { … logs.events() … }}. Restores the loggers' levels when closed.
 */
public final class CapturedLogs implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("io.switchboard", "io.netty");

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level[] saved = new Level[LOGGERS.size()];

    private CapturedLogs() {
        appender.start();
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS.get(i));
            saved[i] = logger.getLevel();
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        }
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** What was logged so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase appends under the appender's monitor
            return List.copyOf(appender.list);
        }
    }

    /** Events at WARN or above. */
    public List<ILoggingEvent> warnings() {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    /** Events whose formatted message contains {@code text}. */
    public List<ILoggingEvent> containing(String text) {
        return events().stream().filter(e -> e.getFormattedMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        for (int i = 0; i < LOGGERS.size(); i++) {
            Logger logger = (Logger) LoggerFactory.getLogger(LOGGERS.get(i));
            logger.detachAppender(appender);
            logger.setLevel(saved[i]);
        }
        appender.stop();
    }
}
