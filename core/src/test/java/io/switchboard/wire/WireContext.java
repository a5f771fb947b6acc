package io.switchboard.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** What a case body works with: its gateway, and sockets that the health check afterwards follows up on. */
final class WireContext {
    private final WireGateway gateway;
    private final List<WireSocket> sockets = new ArrayList<>();

    WireContext(WireGateway gateway) {
        this.gateway = gateway;
    }

    WireGateway gateway() {
        return gateway;
    }

    int port() {
        return gateway.port();
    }

    /** A new TCP connection, nothing sent yet. */
    WireSocket tcp() throws IOException {
        WireSocket socket = WireSocket.connect(gateway.port());
        sockets.add(socket);
        return socket;
    }

    /** A WebSocket connection to {@code /{stage}}, upgraded (101). */
    WireSocket ws(String stage) throws IOException {
        return tcp().upgrade("/" + stage, gateway.port());
    }

    List<Integer> localPorts() {
        return sockets.stream().map(WireSocket::localPort).toList();
    }

    void closeAll() {
        sockets.forEach(WireSocket::close);
    }
}
