package io.switchboard.handler;

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

    /** The exception for a catalogue entry: the typed subclass where one exists ({@link GoneException}, …). */
    public static GatewayException of(GatewayError error, String detail) {
        return switch (error) {
            case GONE -> new GoneException(detail);
            case PAYLOAD_TOO_LARGE -> new PayloadTooLargeException(detail);
            case LIMIT_EXCEEDED -> new LimitExceededException(detail);
            case BAD_REQUEST -> new BadRequestException(detail);
            default -> new GatewayException(error, detail);
        };
    }

    /** The catalogue entry. */
    public GatewayError error() {
        return error;
    }
}
