package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.examples.videochat.IceServers;
import io.switchboard.handler.GoneException;
import io.switchboard.handler.Groups;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"action":"admit","id":…,"accept":true|false}}, from the host only: an accepted person joins the meeting
 * ({@code {"type":"admitted",…,"participants":[…]}} to them, {@code participantJoined} to the others); a rejected one
 * gets {@code {"type":"rejected"}}. The host is answered {@code {"type":"decided","id":…,"accept":…}}.
 */
final class Admit implements RouteHandler {
    private final MeetingStore store;

    Admit(MeetingStore store) {
        this.store = store;
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body = Requests.body(event).orElse(null);
        if (body == null || !body.path("accept").isBoolean()) {
            return Requests.error("admit needs the id of the person and accept: true or false");
        }
        String host = event.connectionId();
        Meeting meeting = store.meetingOf(host).filter(m -> m.hostId.equals(host)).orElse(null);
        if (meeting == null) {
            return Requests.error("only the host of a meeting can let people in");
        }
        String id = Requests.text(body, "id");
        boolean accept = body.path("accept").asBoolean();
        String name = meeting.decide(id, accept);
        if (name == null) {
            return Requests.error("that person is no longer waiting");
        }
        try {
            if (accept) {
                // One step: membership and who is told, so a member leaving meanwhile is either among the
                // participants (and its participantLeft follows) or gone before; never missed.
                Groups.Joined joined = context.groups().join(meeting.group(), id, Integer.MAX_VALUE,
                        Messages.json("type", "participantJoined", "id", id, "name", name));
                Set<String> present = new HashSet<>(joined.others());
                present.add(id);
                context.connections().post(id, Messages.json("type", "admitted", "code", meeting.code,
                        "kind", meeting.kind, "you", id, "participants", meeting.describe(present),
                        "iceServers", IceServers.of(event)));
            } else {
                store.detach(id);
                context.connections().post(id, Messages.json("type", "rejected", "code", meeting.code));
            }
        } catch (GoneException e) {
            meeting.remove(id);
            store.detach(id);
            return Requests.error(name + " has left");
        }
        return RouteResult.ok(Messages.json("type", "decided", "id", id, "name", name, "accept", accept));
    }
}
