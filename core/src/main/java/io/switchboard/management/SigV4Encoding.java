package io.switchboard.management;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** SigV4's URI encoding: everything but {@code A-Z a-z 0-9 - _ . ~} as {@code %XX}, upper-case hex. */
final class SigV4Encoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SigV4Encoding() {
    }

    /** Encodes a string (UTF-8) the SigV4 way. */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /** Percent-decoding (UTF-8); {@code +} stays {@code +}, and a malformed escape is kept as it is. */
    static String decode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
            i++;
        }
        out.append(bytes.toString(StandardCharsets.UTF_8));
        return out.toString();
    }

    /** The value of an ASCII hex digit, else -1 ({@link Character#digit} also reads other scripts' digits). */
    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    /** The path as the AWS SDKs canonicalise it: each segment of the raw (already encoded) path encoded again. */
    static String encodePath(String rawPath) {
        return mapSegments(rawPath, true);
    }

    /** The path as single-encoding signers canonicalise it: each segment decoded, then encoded once. */
    static String reencodePath(String rawPath) {
        return mapSegments(rawPath, false);
    }

    private static String mapSegments(String rawPath, boolean again) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        StringBuilder out = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(encode(again ? segments[i] : decode(segments[i])));
        }
        return out.toString();
    }
}
