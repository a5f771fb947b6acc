package io.switchboard.errors;

/** The base of every exception the gateway raises; it names the catalogue entry it stands for. */
public class GatewayException extends RuntimeException {
    private final GatewayError error;

    public GatewayException(GatewayError error, String detail) {
        super(detail);
        this.error = error;
    }

    public GatewayException(GatewayError error, String detail, Throwable cause) {
        super(detail, cause);
        this.error = error;
    }

    /** The catalogue entry. */
    public GatewayError error() {
        return error;
    }
}
