package io.switchboard.examples.videochat;

import io.switchboard.handler.Groups;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code {"action":"joinRoom","roomId":"123"}} (seed 001): the sender joins the room, the others get
 * {@code {"type":"newParticipant","participantConnectionId":<newcomer>}} and start a call with it, and the sender
 * learns its own id, who is there and which ICE servers to use:
 * {@code {"type":"joined","roomId":…,"connectionId":…,"participants":[…],"iceServers":[…]}} ({@link IceServers}).
 * Where the seed scans a DynamoDB table and posts to each connection (two people joining at once then never see
 * each other), this joins a group atomically and lets the gateway fan out to exactly the members who were there. A room holds {@value Rooms#MAX_PARTICIPANTS} people unless the stage variable {@code maxParticipants} says
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
        int capacity = Rooms.capacity(event);
        // One step: the capacity check, the membership and who is told. Of two people joining at the same moment,
        // one finds the other among the participants and the other is told it is new, so exactly one calls.
        Groups.Joined joined = context.groups().join(group, me, capacity,
                Rooms.json("type", "newParticipant", "participantConnectionId", me));
        if (!joined.member()) {
            return Rooms.error("room " + Rooms.roomId(group) + " is full (" + capacity + " people)");
        }
        return RouteResult.ok(Rooms.json("type", "joined", "roomId", Rooms.roomId(group),
                "connectionId", me, "participants", new TreeSet<>(joined.others()),
                "iceServers", IceServers.of(event)));
    }
}
