package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.examples.videochat.IceServers;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"action":"createMeeting","kind":"chat"|"video"}} (seed 000's createMeeting): opens a meeting hosted by the
 * sender and answers {@code {"type":"created","code":…,"kind":…,"you":…,"participants":[…]}}. The code is what the
 * host shares; it is random, never the host's connection id.
 */
final class CreateMeeting implements RouteHandler {
    private final MeetingStore store;

    CreateMeeting(MeetingStore store) {
        this.store = store;
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body = Requests.body(event).orElse(null);
        String kind = body == null ? "" : Requests.text(body, "kind");
        if (!kind.equals("chat") && !kind.equals("video")) {
            return Requests.error("kind must be chat or video");
        }
        String me = event.connectionId();
        if (store.meetingOf(me).isPresent()) {
            return Requests.error("this connection is already in a meeting");
        }
        String name = DisplayNames.of(event).orElse("Host");
        Meeting meeting = store.create(kind, me, name);
        context.groups().join(meeting.group(), me);
        return RouteResult.ok(Messages.json("type", "created", "code", meeting.code, "kind", kind,
                "you", me, "participants", meeting.participants(), "iceServers", IceServers.of(event)));
    }
}
