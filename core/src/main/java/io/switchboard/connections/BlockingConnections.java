package io.switchboard.connections;

import io.switchboard.engine.Await;
import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.Connections;

/** The in-process {@code @connections} API of one stage, as handlers see it. */
public final class BlockingConnections implements Connections {
    private final ConnectionService service;
    private final String stage;

    public BlockingConnections(ConnectionService service, String stage) {
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
