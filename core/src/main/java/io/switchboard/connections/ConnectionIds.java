package io.switchboard.connections;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers in AWS's printable style: base64 ending in {@code =}, like {@code BFHPhfCWIAMCKlQ=}.
 *
 * <p>A connection id is a bearer handle for {@code @connections/{id}}, so it carries 136 bits from
 * {@link SecureRandom} (24 characters, URL-safe alphabet, one {@code =} of padding, which clients must encode as
 * {@code %3D} in URLs just as on AWS). Request and message ids only need to be unique: 88 random bits, 16 characters.
 */
public final class ConnectionIds {
    private static final SecureRandom SECURE = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder();

    private ConnectionIds() {
    }

    /** A new connection id: 17 bytes from {@link SecureRandom}. */
    public static String connectionId() {
        byte[] bytes = new byte[17];
        SECURE.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** A new request or message id: 11 random bytes, 16 characters ending in {@code =}. */
    public static String requestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
