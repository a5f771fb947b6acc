package io.switchboard.examples.meetings;

import io.switchboard.handler.GoneException;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code {"action":"signal","to":…,"message":{…}}}: relays a video meeting's WebRTC offer, answer or ICE candidate to
 * one other member as {@code {"type":"signal","from":…,…}}, as the video chat's sendMsgToRoom does.
 */
final class Signal implements RouteHandler {
    private final MeetingStore store;

    Signal(MeetingStore store) {
        this.store = store;
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body = Requests.body(event).orElse(null);
        if (body == null || !(body.path("message") instanceof ObjectNode message)) {
            return Requests.error("signal needs to and a message object");
        }
        String me = event.connectionId();
        String to = Requests.text(body, "to");
        Meeting meeting = store.meetingOf(me).orElse(null);
        if (meeting == null || !meeting.isMember(me) || !meeting.isMember(to)) {
            return Requests.error("both sides of a call must be in the meeting");
        }
        message.put("type", "signal");
        message.put("from", me);
        try {
            context.connections().post(to, message.toString());
        } catch (GoneException e) {
            return Requests.error("that participant has left");
        }
        return RouteResult.ok();
    }
}
