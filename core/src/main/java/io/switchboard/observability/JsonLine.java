package io.switchboard.observability;

/**
 * A flat JSON object written into a {@link StringBuilder}: the access log writes one per event, so it avoids a
 * generator's set-up cost. Strings are escaped as RFC 8259 requires.
 */
final class JsonLine {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** One builder per thread, reused: the line's String is the only allocation. */
    private static final ThreadLocal<StringBuilder> BUILDERS = ThreadLocal.withInitial(() -> new StringBuilder(512));
    private final StringBuilder out;
    private boolean first = true;

    JsonLine() {
        out = BUILDERS.get();
        out.setLength(0);
        out.append('{');
    }

    JsonLine string(String name, String value) {
        name(name);
        quoted(value);
        return this;
    }

    JsonLine number(String name, long value) {
        name(name);
        out.append(value);
        return this;
    }

    /** The finished line: the thread's builder, valid until the thread's next line. */
    CharSequence end() {
        return out.append('}');
    }

    private void name(String name) {
        if (!first) {
            out.append(',');
        }
        first = false;
        quoted(name);
        out.append(':');
    }

    private void quoted(String s) {
        out.append('"');
        if (plain(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Whether a string needs no escaping: the common case, copied in one go. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
