package io.switchboard.transport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the router checks of a request before anything else reads it: that its target decodes (every {@code %} is
 * followed by two hex digits and the bytes are UTF-8, so no part of the gateway finds out late, or reads U+FFFD where
 * a client wrote an overlong {@code %C0%AF}), and that {@code Host} is a host with an optional port (RFC 9112 §3.2,
 * RFC 3986 §3.2.2), since it becomes the events' {@code domainName}.
 */
final class RequestTargets {
    private static final Pattern HOST = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]{2,45}\\]|[A-Za-z0-9\\-._~!$&'()*+,;=]{0,253})(:[0-9]{1,5})?");

    private RequestTargets() {
    }

    /** Whether the percent-escapes are well formed and, with the bytes sent as they are, make valid UTF-8. */
    static boolean decodes(String uri) {
        if (isPlainAscii(uri)) {
            return true; // most targets: nothing to decode, nothing to allocate
        }
        ByteBuffer bytes = ByteBuffer.allocate(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                if (i + 2 >= uri.length() || hex(uri.charAt(i + 1)) < 0 || hex(uri.charAt(i + 2)) < 0) {
                    return false;
                }
                bytes.put((byte) (hex(uri.charAt(i + 1)) << 4 | hex(uri.charAt(i + 2))));
                i += 2;
            } else if (c > 0xff) {
                return false;
            } else {
                bytes.put((byte) c); // the request line's bytes, as the HTTP decoder read them
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean isPlainAscii(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether a {@code Host} value is a reg-name, IPv4 or bracketed IPv6 address, with an optional port. */
    static boolean isHost(String host) {
        return HOST.matcher(host.trim()).matches();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
