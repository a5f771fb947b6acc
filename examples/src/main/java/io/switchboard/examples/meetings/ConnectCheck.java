package io.switchboard.examples.meetings;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;

/**
 * {@code $connect} of the meetings API: accepts a connection whose {@code name} query parameter passes
 * {@link DisplayNames#check} and remembers the name for the connection's later messages; refuses others with 401.
 * The check itself lives in {@link DisplayNames}, ready to become a REQUEST authorizer.
 */
public final class ConnectCheck implements RouteHandler {
    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        Optional<String> name = DisplayNames.check(Optional.ofNullable(event.queryStringParameters().get("name")));
        if (name.isEmpty()) {
            return RouteResult.status(401);
        }
        MeetingStore.shared().rememberName(event.connectionId(), name.get());
        return RouteResult.ok();
    }
}
