package io.switchboard.auth;

import io.switchboard.handler.GatewayError;
import java.util.Optional;

/**
 * What an authorizer decided: let the caller in with a result, or refuse with a catalogue error (401, 403 or 500) and
 * a reason for the server's log (never sent to the client, and never containing the credential).
 */
public record AuthorizerDecision(Optional<AuthorizerResult> result, Optional<GatewayError> error, String reason) {

    public static AuthorizerDecision allow(AuthorizerResult result) {
        return new AuthorizerDecision(Optional.of(result), Optional.empty(), "");
    }

    public static AuthorizerDecision refuse(GatewayError error, String reason) {
        return new AuthorizerDecision(Optional.empty(), Optional.of(error), reason);
    }

    public boolean allowed() {
        return result.isPresent();
    }
}
