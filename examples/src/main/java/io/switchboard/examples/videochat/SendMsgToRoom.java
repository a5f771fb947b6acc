package io.switchboard.examples.videochat;

import io.switchboard.handler.GoneException;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code {"action":"sendMsgToRoom","roomId":"123","message":…}} (seed 001): relays {@code message} (WebRTC offers,
 * answers and ICE candidates) to the other participants, or with {@code "to":<connectionId>} to that participant
 * only. A string message is delivered as it is; a JSON object gets {@code "from"} set to the sender's connection id
 * (so nobody can speak for another participant, and a reply can be addressed); anything else goes as its JSON text.
 * Only a member of the room may send to it.
 */
public final class SendMsgToRoom implements RouteHandler {

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        Optional<Rooms.Request> request = Rooms.request(event);
        if (request.isEmpty()) {
            return Rooms.badRoom();
        }
        String group = request.get().group();
        JsonNode message = request.get().body().path("message");
        if (message.isMissingNode() || message.isNull()) {
            return Rooms.error("message is required");
        }
        String me = event.connectionId();
        if (message instanceof ObjectNode object) {
            object.put("from", me);
        }
        String text = message.isString() ? message.asString() : message.toString();
        String to = request.get().body().path("to").asString("");
        if (to.isEmpty()) {
            // The membership check and the fan-out in one read of the room.
            return context.groups().postFrom(group, me, text).isPresent() ? RouteResult.ok() : notMember(group);
        }
        // A connection's own groups are few; the room's members may be many.
        if (!context.groups().groupsOf(me).contains(group)) {
            return notMember(group);
        }
        if (!context.groups().groupsOf(to).contains(group)) {
            return Rooms.error("participant " + to + " is not in room " + Rooms.roomId(group));
        }
        try {
            context.connections().post(to, text);
        } catch (GoneException e) {
            return Rooms.error("participant " + to + " has left");
        }
        return RouteResult.ok();
    }

    private static RouteResult notMember(String group) {
        return Rooms.error("join room " + Rooms.roomId(group) + " before sending to it");
    }
}
