package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.handler.EventType;
import io.switchboard.handler.GoneException;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/**
 * {@code {"action":"leaveMeeting"}} and {@code $disconnect}: a member who leaves is announced
 * ({@code participantLeft}); when the host leaves the meeting ends for everyone ({@code meetingEnded}); someone who
 * stops waiting is taken off the host's list ({@code requestWithdrawn}).
 */
final class LeaveMeeting implements RouteHandler {
    private final MeetingStore store;

    LeaveMeeting(MeetingStore store) {
        this.store = store;
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        String me = event.connectionId();
        store.meetingOf(me).ifPresent(meeting -> leave(meeting, me, store, context));
        store.detach(me);
        return event.eventType() == EventType.DISCONNECT ? RouteResult.ok()
                : RouteResult.ok(Messages.json("type", "left"));
    }

    private static void leave(Meeting meeting, String me, MeetingStore store, RouteContext context) {
        boolean wasMember = meeting.isMember(me);
        String name = meeting.remove(me);
        context.groups().leave(meeting.group(), me);
        if (me.equals(meeting.hostId)) {
            meeting.end();
            store.remove(meeting);
            context.groups().post(meeting.group(), Messages.json("type", "meetingEnded", "code", meeting.code));
        } else if (wasMember) {
            context.groups().post(meeting.group(), Messages.json("type", "participantLeft", "id", me, "name", name));
        } else if (name != null) {
            try {
                context.connections().post(meeting.hostId, Messages.json("type", "requestWithdrawn", "id", me));
            } catch (GoneException e) {
                // the host left too; nobody to tell
            }
        }
    }
}
