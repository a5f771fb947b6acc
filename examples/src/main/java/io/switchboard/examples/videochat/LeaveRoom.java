package io.switchboard.examples.videochat;

import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Set;

/**
 * {@code {"action":"leaveRoom"}} (hang up) and {@code $disconnect}: the sender leaves its rooms and the others get
 * {@code {"type":"participantLeft","participantConnectionId":…}} so they can drop its video.
 */
public final class LeaveRoom implements RouteHandler {

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        String me = event.connectionId();
        String left = Rooms.json("type", "participantLeft", "participantConnectionId", me);
        for (String group : context.groups().groupsOf(me)) {
            if (group.startsWith("room:")) {
                context.groups().leave(group, me);
                context.groups().post(group, left, Set.of(me));
            }
        }
        return event.eventType() == EventType.DISCONNECT ? RouteResult.ok()
                : RouteResult.ok(Rooms.json("type", "left"));
    }
}
