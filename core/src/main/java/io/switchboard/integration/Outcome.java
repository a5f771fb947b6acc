package io.switchboard.integration;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteResult;
import java.util.Optional;

/**
 * How an invocation ended: the integration's answer, or the catalogue error the client is told about.
 *
 * @param result         the answer, when the integration answered in time with a valid response
 * @param error          the failure, otherwise
 * @param latencyMillis  time from the start of the call to its end ({@code integrationLatency})
 */
public record Outcome(Optional<RouteResult> result, Optional<GatewayError> error, long latencyMillis) {

    static Outcome answered(RouteResult result, long latencyMillis) {
        return new Outcome(Optional.of(result), Optional.empty(), latencyMillis);
    }

    static Outcome failed(GatewayError error, long latencyMillis) {
        return new Outcome(Optional.empty(), Optional.of(error), latencyMillis);
    }

    /** The HTTP status for the access log: the answer's, or the error's. */
    public int status() {
        return result.map(RouteResult::statusCode).orElseGet(() -> error.orElseThrow().httpStatus());
    }
}
