package io.switchboard.examples.videochat;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code {"action":"joinRoom","roomId":"123"}} (seed 001): the sender joins the room, the others get
 * {@code {"type":"newParticipant","participantConnectionId":<newcomer>}} and start a call with it, and the sender
 * learns its own id, who is there and which ICE servers to use:
 * {@code {"type":"joined","roomId":…,"connectionId":…,"participants":[…],"iceServers":[…]}} ({@link IceServers}).
 * Where the seed scans a DynamoDB table and posts to each connection, this joins a group and lets the gateway fan
 * out. A room holds {@value Rooms#MAX_PARTICIPANTS} people unless the stage variable {@code maxParticipants} says
 * otherwise.
 */
public final class JoinRoom implements RouteHandler {

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        Optional<Rooms.Request> request = Rooms.request(event);
        if (request.isEmpty()) {
            return Rooms.badRoom();
        }
        String group = request.get().group();
        String me = event.connectionId();
        Set<String> others = new TreeSet<>(context.groups().members(group));
        others.remove(me);
        int capacity = Rooms.capacity(event);
        if (others.size() >= capacity) {
            return Rooms.error("room " + Rooms.roomId(group) + " is full (" + capacity + " people)");
        }
        context.groups().join(group, me);
        context.groups().post(group, Rooms.json("type", "newParticipant", "participantConnectionId", me),
                Set.of(me));
        return RouteResult.ok(Rooms.json("type", "joined", "roomId", Rooms.roomId(group),
                "connectionId", me, "participants", others, "iceServers", IceServers.of(event)));
    }
}
