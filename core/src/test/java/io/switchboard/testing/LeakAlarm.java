package io.switchboard.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects Netty's "LEAK:" reports (wired in the tests' Logback configuration) for {@link NoLeaksExtension}. */
public final class LeakAlarm extends AppenderBase<ILoggingEvent> {
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getFormattedMessage().contains("LEAK:")) {
            REPORTS.add(event.getFormattedMessage());
        }
    }

    /** Reports so far, removed from the alarm. */
    static List<String> take() {
        List<String> taken = List.copyOf(REPORTS);
        REPORTS.removeAll(taken);
        return taken;
    }
}
