package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.handler.GoneException;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.Optional;

/**
 * {@code {"action":"joinMeeting","code":…}} (seed 000's joinMeeting, with the host's approval it suggests): the sender
 * waits ({@code {"type":"waiting"}}) and the host gets {@code {"type":"joinRequest","id":…,"name":…}} to accept or
 * reject with {@code admit}. An unknown code is an error.
 */
final class JoinMeeting implements RouteHandler {
    private final MeetingStore store;

    JoinMeeting(MeetingStore store) {
        this.store = store;
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        String code = Requests.body(event).map(body -> Requests.text(body, "code")).orElse("");
        String me = event.connectionId();
        if (store.meetingOf(me).isPresent()) {
            return Requests.error("this connection is already in a meeting");
        }
        Optional<Meeting> found = store.find(code);
        if (found.isEmpty() || found.get().isEnded()) {
            return Requests.error("There is no meeting with the code '" + code + "'. Check the code with the host.");
        }
        Meeting meeting = found.get();
        String name = DisplayNames.of(event).orElse("Guest");
        if (!meeting.request(me, name)) {
            return Requests.error("That meeting has ended.");
        }
        store.attach(me, meeting);
        try {
            context.connections().post(meeting.hostId, Messages.json("type", "joinRequest", "id", me, "name", name));
        } catch (GoneException e) {
            meeting.remove(me);
            store.detach(me);
            return Requests.error("That meeting has ended.");
        }
        return RouteResult.ok(Messages.json("type", "waiting", "code", meeting.code, "kind", meeting.kind));
    }
}
