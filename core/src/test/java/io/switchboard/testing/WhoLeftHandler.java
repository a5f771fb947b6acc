package io.switchboard.testing;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/** A {@code $disconnect} handler that records, for its stage, whose connection left ({@code users().userOf}). */
public final class WhoLeftHandler implements RouteHandler {
    private final Recorder recorder;

    /** A handler that records into {@code recorder}. */
    public WhoLeftHandler(Recorder recorder) {
        this.recorder = java.util.Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        recorder.record(event.connection().stage() + "-left", context.users().userOf(event.connectionId())
                .orElse("unknown"));
        return RouteResult.ok();
    }
}
