package io.switchboard.routing;

import io.switchboard.handler.GatewayError;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code $connect} decided.
 *
 * @param status      the HTTP status: 2xx accepts the upgrade, anything else is the rejection the client gets
 * @param subprotocol the {@code Sec-WebSocket-Protocol} the integration chose
 * @param error       the failure when the integration failed or timed out (502, 504)
 * @param latency     the integration's latency, when one ran
 */
public record ConnectDecision(int status, Optional<String> subprotocol, Optional<GatewayError> error,
                              OptionalLong latency) {

    static final ConnectDecision ACCEPT = new ConnectDecision(200, Optional.empty(), Optional.empty(),
            OptionalLong.empty());

    public boolean accepted() {
        return status >= 200 && status < 300;
    }
}
