package io.switchboard.inprocess;

import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.Groups;
import io.switchboard.handler.PushStats;
import io.switchboard.handler.UserPresence;
import io.switchboard.handler.Users;
import io.switchboard.users.UserService;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The in-process users API of one stage, as handlers see it. */
final class BlockingUsers implements Users {
    private final UserService service;
    private final String stage;

    BlockingUsers(UserService service, String stage) {
        this.service = service;
        this.stage = stage;
    }

    @Override
    public Set<String> connected() {
        return Await.result(service.connected(stage));
    }

    @Override
    public List<String> connectionsOf(String userId) {
        return Await.result(service.connectionsOf(stage, userId)).stream().map(ConnectionRecord::connectionId)
                .toList();
    }

    @Override
    public Optional<String> userOf(String connectionId) {
        return Await.result(service.userOf(stage, connectionId));
    }

    @Override
    public UserPresence presence(String userId) {
        return Await.result(service.presence(stage, userId));
    }

    @Override
    public Groups.FanOut post(String userId, String message) {
        PushStats stats = Await.result(service.post(stage, userId, OutboundMessage.text(message)));
        return new Groups.FanOut(stats.notified(), stats.gone());
    }
}
