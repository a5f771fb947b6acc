package io.switchboard.observability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of logs. Browsers cannot set headers on a WebSocket upgrade, so tokens travel in the query
 * string ({@code ?token=…}); before a URI is logged, the value of every parameter whose name suggests a credential,
 * or whose value looks like one (a JWT, a long opaque string), is replaced by {@value #REDACTED}.
 */
public final class Redactor {
    public static final String REDACTED = "REDACTED";

    private static final Pattern SENSITIVE_NAME = Pattern.compile(
            "auth|token|key|secret|pass|pwd|sig|credential|session|jwt|bearer|cookie|code|ticket|nonce|x-amz-");
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9+/=_.~-]{32,}");

    private Redactor() {
    }

    /**
     * The URI with credential-like query values redacted; the path is kept. Parameters are separated by {@code &}
     * or {@code ;}, as Netty's {@code QueryStringDecoder} (which gives the gateway its query parameters) reads them.
     */
    public static String uri(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        int start = q + 1;
        for (int i = start; i <= uri.length(); i++) {
            if (i == uri.length() || uri.charAt(i) == '&' || uri.charAt(i) == ';') {
                appendPair(out, uri.substring(start, i));
                if (i < uri.length()) {
                    out.append(uri.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static void appendPair(StringBuilder out, String pair) {
        int eq = pair.indexOf('=');
        if (eq < 0) {
            out.append(isSecretValue(decode(pair)) ? REDACTED : pair);
        } else {
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            out.append(name).append('=')
                    .append(isSecretName(decode(name)) || isSecretValue(decode(value)) ? REDACTED : value);
        }
    }

    /** Whether a parameter or header name suggests a credential. */
    public static boolean isSecretName(String name) {
        return SENSITIVE_NAME.matcher(name.toLowerCase(Locale.ROOT)).find();
    }

    /** Whether a value looks like a credential. */
    public static boolean isSecretValue(String value) {
        return JWT.matcher(value).find() || OPAQUE.matcher(value).matches();
    }

    /**
     * Form decoding that never gives up: {@code +} is a space, each valid escape is decoded (UTF-8) and a malformed
     * one kept as it is, so that {@code to%6Ben%zz} still reads as a token.
     */
    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.append(bytes.toString(StandardCharsets.UTF_8)).append(c == '+' ? ' ' : c);
                bytes.reset();
            }
        }
        return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
