package io.switchboard.queues;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** The rules for messages that callers publish to topics and send to queues, as SNS and SQS have them. */
public final class Attributes {
    /** SQS's and SNS's limit on attributes per message. */
    public static final int MAX_ATTRIBUTES = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

    private Attributes() {
    }

    /** An unmodifiable copy that keeps the attributes' order; null names or values are refused. */
    public static Map<String, String> copyOf(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>(attributes.size() * 2);
        attributes.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "attribute name"),
                Objects.requireNonNull(value, () -> "the value of attribute " + name)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * Fails with 400 for more than {@value #MAX_ATTRIBUTES} attributes or a bad name, and with 413 when the body
     * and attributes together have more than {@code limit} UTF-8 bytes.
     */
    public static void check(String body, Map<String, String> attributes, int limit) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw GatewayException.of(GatewayError.BAD_REQUEST, "a message has at most " + MAX_ATTRIBUTES
                    + " attributes, not " + attributes.size());
        }
        long size = utf8Length(body);
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            if (!NAME.matcher(a.getKey()).matches()) {
                throw GatewayException.of(GatewayError.BAD_REQUEST, "attribute name '" + a.getKey()
                        + "' must have 1 to 256 letters, digits, '_', '-' or '.'");
            }
            size += utf8Length(a.getKey()) + utf8Length(a.getValue());
        }
        if (size > limit) {
            throw GatewayException.of(GatewayError.PAYLOAD_TOO_LARGE, "the message and its attributes have " + size
                    + " bytes; at most " + limit + " are accepted");
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
