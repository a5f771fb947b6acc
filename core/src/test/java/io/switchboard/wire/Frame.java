package io.switchboard.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A client frame built byte by byte, including what RFC 6455 forbids: any opcode and RSV bits, no mask, a length in
 * a longer encoding than needed, or a declared length other than the payload's.
 */
final class Frame {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** How the payload length is written in the header. */
    enum Length { MINIMAL, SIXTEEN_BIT, SIXTY_FOUR_BIT }

    private final int opcode;
    private boolean fin = true;
    private int rsv;
    private boolean masked = true;
    private byte[] payload = new byte[0];
    private Length length = Length.MINIMAL;
    private Long declaredLength;
    private byte[] mask;

    private Frame(int opcode) {
        this.opcode = opcode;
    }

    static Frame op(int opcode) {
        return new Frame(opcode);
    }

    static Frame text(String text) {
        return op(TEXT).payload(text.getBytes(StandardCharsets.UTF_8));
    }

    static Frame text(byte[] bytes) {
        return op(TEXT).payload(bytes);
    }

    static Frame binary(byte[] bytes) {
        return op(BINARY).payload(bytes);
    }

    static Frame cont(byte[] bytes) {
        return op(CONTINUATION).payload(bytes);
    }

    static Frame cont(String text) {
        return cont(text.getBytes(StandardCharsets.UTF_8));
    }

    static Frame ping(byte[] bytes) {
        return op(PING).payload(bytes);
    }

    static Frame pong(byte[] bytes) {
        return op(PONG).payload(bytes);
    }

    /** A close frame with a status code and a reason. */
    static Frame close(int code, String reason) {
        return close(code, reason.getBytes(StandardCharsets.UTF_8));
    }

    static Frame close(int code, byte[] reason) {
        byte[] body = new byte[2 + reason.length];
        body[0] = (byte) (code >>> 8);
        body[1] = (byte) code;
        System.arraycopy(reason, 0, body, 2, reason.length);
        return op(CLOSE).payload(body);
    }

    Frame fin(boolean value) {
        fin = value;
        return this;
    }

    /** Not the last fragment. */
    Frame more() {
        return fin(false);
    }

    /** The RSV bits: 4 is RSV1, 2 RSV2, 1 RSV3. */
    Frame rsv(int bits) {
        rsv = bits;
        return this;
    }

    Frame unmasked() {
        masked = false;
        return this;
    }

    Frame mask(byte[] key) {
        mask = key.clone();
        return this;
    }

    Frame payload(byte[] bytes) {
        payload = bytes.clone();
        return this;
    }

    Frame length(Length encoding) {
        length = encoding;
        return this;
    }

    /** Writes this length in the header whatever the payload is (the payload bytes are sent as they are). */
    Frame declaredLength(long value) {
        declaredLength = value;
        // unsigned: a "negative" value is a 64-bit length with its top bit set
        length = Long.compareUnsigned(value, 126) < 0 ? Length.MINIMAL
                : Long.compareUnsigned(value, 65536) < 0 ? Length.SIXTEEN_BIT : Length.SIXTY_FOUR_BIT;
        return this;
    }

    /** The header, mask included, without the payload. */
    byte[] header() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(14);
        out.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0xf);
        int maskBit = masked ? 0x80 : 0;
        long n = declaredLength != null ? declaredLength : payload.length;
        Length encoding = length;
        if (encoding == Length.MINIMAL && Long.compareUnsigned(n, 126) >= 0) {
            encoding = Long.compareUnsigned(n, 65536) < 0 ? Length.SIXTEEN_BIT : Length.SIXTY_FOUR_BIT;
        }
        switch (encoding) {
            case MINIMAL -> out.write(maskBit | (int) n);
            case SIXTEEN_BIT -> {
                out.write(maskBit | 126);
                out.write((int) (n >>> 8) & 0xff);
                out.write((int) n & 0xff);
            }
            case SIXTY_FOUR_BIT -> {
                out.write(maskBit | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out.write((int) (n >>> shift) & 0xff);
                }
            }
        }
        if (masked) {
            out.writeBytes(maskKey());
        }
        return out.toByteArray();
    }

    private byte[] maskKey() {
        if (mask == null) {
            mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
        }
        return mask;
    }

    /** The whole frame: header and (masked) payload. */
    byte[] bytes() {
        byte[] head = header();
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        for (int i = 0; i < payload.length; i++) {
            out[head.length + i] = masked ? (byte) (payload[i] ^ mask[i % 4]) : payload[i];
        }
        return out;
    }
}
