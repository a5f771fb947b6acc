package io.switchboard.auth;

import io.switchboard.handler.GatewayError;
import io.switchboard.throttle.Allowance;
import java.util.Optional;

/**
 * What the checks before {@code $connect} decided: refused with a catalogue error (and a reason for the server log),
 * or admitted with the authorizer's result and the connection's allowance.
 */
public record Admission(Optional<GatewayError> error, String reason, Optional<AuthorizerResult> authorizer,
                        Allowance allowance) {

    static Admission refused(GatewayError error, String reason) {
        return new Admission(Optional.of(error), reason, Optional.empty(), Allowance.NONE);
    }

    static Admission admitted(Optional<AuthorizerResult> authorizer, Allowance allowance) {
        return new Admission(Optional.empty(), "", authorizer, allowance);
    }

    public boolean admitted() {
        return error.isEmpty();
    }
}
