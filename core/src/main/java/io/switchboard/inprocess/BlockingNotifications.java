package io.switchboard.inprocess;

import io.switchboard.handler.Notification;
import io.switchboard.handler.Notifications;
import io.switchboard.handler.PushStats;
import io.switchboard.notify.NotificationRequests;
import io.switchboard.notify.Pusher;

/** The in-process pusher of one stage, as handlers see it. */
final class BlockingNotifications implements Notifications {
    private final Pusher pusher;
    private final String stage;

    BlockingNotifications(Pusher pusher, String stage) {
        this.pusher = pusher;
        this.stage = stage;
    }

    @Override
    public PushStats notify(Notification notification) {
        return Await.result(pusher.push(stage, notification));
    }

    @Override
    public PushStats notify(String request) {
        return notify(NotificationRequests.parse(request));
    }
}
