package io.switchboard.notify;

import io.switchboard.engine.Await;
import io.switchboard.handler.Notifications;

/** The in-process pusher of one stage, as handlers see it. */
public final class BlockingNotifications implements Notifications {
    private final Pusher pusher;
    private final String stage;

    public BlockingNotifications(Pusher pusher, String stage) {
        this.pusher = pusher;
        this.stage = stage;
    }

    @Override
    public PushStats notify(Notification notification) {
        return Await.result(pusher.push(stage, notification));
    }

    @Override
    public PushStats notify(String request) {
        return notify(Notification.parse(request));
    }
}
