package io.switchboard.handler;

/** A posted message is larger than the API's message limit: as AWS's PayloadTooLargeException (413). */
public final class PayloadTooLargeException extends GatewayException {

    public PayloadTooLargeException(String detail) {
        super(GatewayError.PAYLOAD_TOO_LARGE, detail);
    }
}
