package io.switchboard.handler;

/** The client is not reading and its outbound queue is full: as AWS's LimitExceededException (429). Retry later. */
public final class LimitExceededException extends GatewayException {

    public LimitExceededException(String detail) {
        super(GatewayError.LIMIT_EXCEEDED, detail);
    }
}
