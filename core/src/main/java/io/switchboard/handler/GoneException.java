package io.switchboard.handler;

/** The connection does not exist, is closed, or is still inside its {@code $connect}: as AWS's GoneException (410). */
public final class GoneException extends GatewayException {

    public GoneException(String detail) {
        super(GatewayError.GONE, detail);
    }
}
