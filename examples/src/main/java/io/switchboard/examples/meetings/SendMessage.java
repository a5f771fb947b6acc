package io.switchboard.examples.meetings;

import io.switchboard.examples.Messages;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;

/**
 * {@code {"action":"sendMessage","text":…}} (seed 000's onMessage): every member, the sender too, gets
 * {@code {"type":"chat","from":…,"name":…,"text":…,"sentAt":…}}, so all see the same order and the server's time.
 */
final class SendMessage implements RouteHandler {
    private final MeetingStore store;

    SendMessage(MeetingStore store) {
        this.store = store;
    }

    static final int MAX_TEXT = 2000;

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        String text = Requests.body(event).map(body -> Requests.text(body, "text")).orElse("").strip();
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            return Requests.error("a message is 1 to " + MAX_TEXT + " characters");
        }
        String me = event.connectionId();
        Meeting meeting = store.meetingOf(me).filter(m -> m.isMember(me)).orElse(null);
        if (meeting == null) {
            return Requests.error("join a meeting before sending to it");
        }
        context.groups().post(meeting.group(), Messages.json("type", "chat", "from", me, "name", meeting.nameOf(me),
                "text", text, "sentAt", Requests.now()));
        return RouteResult.ok();
    }
}
