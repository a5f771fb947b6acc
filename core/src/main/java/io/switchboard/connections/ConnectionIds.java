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

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    /**
     * A new request or message id: 88 random bits as 16 characters ending in {@code =}, what base64 of 11 bytes
     * looks like, encoded straight from two random longs (two of these are made for every message).
     */
    public static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        char[] id = new char[16];
        for (int i = 0; i < 10; i++) { // 60 bits
            id[i] = ALPHABET[(int) (high >>> (58 - 6 * i)) & 63];
        }
        for (int i = 0; i < 4; i++) { // 24 more
            id[10 + i] = ALPHABET[(int) (low >>> (58 - 6 * i)) & 63];
        }
        id[14] = ALPHABET[(int) (low >>> 34) & 60]; // the last 4 bits, as base64 of 11 bytes ends
        id[15] = '=';
        return new String(id);
    }
}
