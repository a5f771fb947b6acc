package io.switchboard.inprocess;

import io.switchboard.connections.OutboundMessage;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.Groups;
import java.util.Optional;
import java.util.Set;

/** The in-process rooms API of one stage, as handlers see it. */
final class BlockingGroups implements Groups {
    private final GroupService service;
    private final String stage;

    BlockingGroups(GroupService service, String stage) {
        this.service = service;
        this.stage = stage;
    }

    @Override
    public void join(String group, String connectionId) {
        Await.result(service.join(stage, group, connectionId));
    }

    @Override
    public Joined join(String group, String connectionId, int capacity, String announcement) {
        return Await.result(service.join(stage, group, connectionId, capacity,
                Optional.of(OutboundMessage.text(announcement))));
    }

    @Override
    public void leave(String group, String connectionId) {
        Await.result(service.leave(stage, group, connectionId));
    }

    @Override
    public Set<String> members(String group) {
        return Await.result(service.members(stage, group));
    }

    @Override
    public Set<String> groupsOf(String connectionId) {
        return Await.result(service.groupsOf(stage, connectionId));
    }

    @Override
    public FanOut post(String group, String message) {
        return post(group, message, Set.of());
    }

    @Override
    public FanOut post(String group, String message, Set<String> exclude) {
        return Await.result(service.post(stage, group, OutboundMessage.text(message), exclude));
    }

    @Override
    public FanOut post(String group, byte[] data, Set<String> exclude) {
        return Await.result(service.post(stage, group, OutboundMessage.of(data), exclude));
    }

    @Override
    public java.util.Optional<FanOut> postFrom(String group, String senderConnectionId, String message) {
        return Await.result(service.postFrom(stage, group, senderConnectionId, OutboundMessage.text(message)));
    }
}
