package io.switchboard.examples.meetings;

import io.switchboard.handler.HandlerProvider;
import io.switchboard.handler.Handlers;

/**
 * The meeting route handlers, registered by name ({@code handler: meetings.create} in the configuration) so that they
 * share one {@link MeetingStore}, made fresh for each gateway that starts: two gateways in one process (tests, or an
 * application embedding two) never see each other's meetings. Found through {@code META-INF/services}.
 */
public final class MeetingHandlers implements HandlerProvider {

    @Override
    public Handlers handlers() {
        MeetingStore store = new MeetingStore();
        LeaveMeeting leave = new LeaveMeeting(store);
        return Handlers.builder()
                .route("meetings.create", new CreateMeeting(store))
                .route("meetings.join", new JoinMeeting(store))
                .route("meetings.admit", new Admit(store))
                .route("meetings.send-message", new SendMessage(store))
                .route("meetings.signal", new Signal(store))
                .route("meetings.leave", leave)
                .build();
    }
}
