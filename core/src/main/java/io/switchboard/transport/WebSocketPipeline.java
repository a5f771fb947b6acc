package io.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.switchboard.connections.Connection;
import io.switchboard.routing.StageApi;

/**
 * Turns an HTTP pipeline into a WebSocket one, one handler per concern:
 * <pre>
 *   [tls] → frame decoder/encoder (added by the handshake, frame limit enforced) → UTF-8 validator (1007)
 *         → ActivityTimers (idle, maximum duration, server pings) → MessageAssembler (fragments, message limit 1009,
 *           binary 1003, unfinished messages 1008)
 *         → ControlFrameHandler (ping, close) → MessageHandler (routes) → SessionHandler (errors, $disconnect)
 * </pre>
 */
final class WebSocketPipeline {

    /** Fired through the pipeline once the 101 has been written and the connection registered. */
    static final Object OPENED = new Object() {
        @Override
        public String toString() {
            return "OPENED";
        }
    };

    /** The handler right before the frame decoder: bytes fired from it reach the decoder (past TLS, if any). */
    static final String ENTRY = ServerInitializer.FLUSH;

    private WebSocketPipeline() {
    }

    static void install(Channel channel, Connection connection, StageApi api, Served served) {
        ChannelPipeline p = channel.pipeline();
        p.remove(RequestTimeoutHandler.class);
        p.remove(HttpPipelining.class);
        p.remove(HttpRouter.class);
        p.addLast("ws-utf8", new Utf8FrameValidator(false));
        p.addLast("ws-timers", new ActivityTimers(connection, api.limits())); // sees every data frame, in and out
        p.addLast("ws-assembler", new MessageAssembler(connection, api.limits().messageBytes(), api.acceptBinary(),
                api.limits().incompleteMessageTimeout()));
        p.addLast("ws-control", new ControlFrameHandler(connection));
        p.addLast("ws-messages", new MessageHandler(connection, api, served.dispatcher()));
        p.addLast("ws-session", new SessionHandler(connection, api, served));
    }
}
