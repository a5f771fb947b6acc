package io.switchboard.integration;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;

/** An integration that failed: it threw, answered badly, or could not be reached. */
public class IntegrationException extends GatewayException {
    public IntegrationException(String detail) {
        super(GatewayError.INTEGRATION_FAILURE, detail);
    }

    public IntegrationException(String detail, Throwable cause) {
        super(GatewayError.INTEGRATION_FAILURE, detail, cause);
    }
}
