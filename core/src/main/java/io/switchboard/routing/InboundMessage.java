package io.switchboard.routing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A complete client message, reassembled from its frames.
 *
 * @param payload the message bytes (UTF-8 text, already validated, unless binary)
 * @param binary  whether it arrived in binary frames
 */
public record InboundMessage(byte[] payload, boolean binary) {

    /** The body as integrations see it: the text, or base64 of binary data. */
    public String body() {
        return binary ? Base64.getEncoder().encodeToString(payload) : new String(payload, StandardCharsets.UTF_8);
    }
}
