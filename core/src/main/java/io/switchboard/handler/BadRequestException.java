package io.switchboard.handler;

/** A malformed connection id or group name (400). */
public final class BadRequestException extends GatewayException {

    public BadRequestException(String detail) {
        super(GatewayError.BAD_REQUEST, detail);
    }
}
