package io.switchboard.inprocess;

import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.Connections;

/** The in-process {@code @connections} API of one stage, as handlers see it. */
final class BlockingConnections implements Connections {
    private final ConnectionService service;
    private final String stage;

    BlockingConnections(ConnectionService service, String stage) {
        this.service = service;
        this.stage = stage;
    }

    @Override
    public void post(String connectionId, String message) {
        Await.result(service.post(stage, connectionId, OutboundMessage.text(message)));
    }

    @Override
    public void post(String connectionId, byte[] data) {
        Await.result(service.post(stage, connectionId, OutboundMessage.of(data)));
    }

    @Override
    public ConnectionStatus info(String connectionId) {
        return Await.result(service.info(stage, connectionId));
    }

    @Override
    public void delete(String connectionId) {
        Await.result(service.delete(stage, connectionId));
    }
}
