package io.switchboard.expr;

import io.switchboard.json.Json;
import io.switchboard.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Finds one value in a JSON message for route selection, straight from its bytes: no tree and no parser object is
 * built, values off the path are skipped, and the whole message is still checked to be one well-formed JSON value
 * (RFC 8259, nesting at most {@value #MAX_DEPTH} deep, numbers at most {@link #MAX_NUMBER_DIGITS} digits long) so that
 * malformed JSON is never routed by a lucky prefix.
 *
 * <p>The selected value is turned into route-key text the way AWS does: strings as they are (unescaped), numbers and
 * booleans as written, arrays as {@code [item1, item2]}, objects as {@code {key=value}}; a JSON {@code null}
 * selects nothing, like a missing path. Of duplicate keys the last wins, as {@code JSON.parse} does. Text frames
 * reach here as valid UTF-8 (the WebSocket layer checked it).
 */
final class JsonBodyScanner {
    static final int MAX_DEPTH = 256;
    /**
     * The longest number, in digits, of the gateway's JSON factory (Jackson's limit), so that a message the router
     * takes for JSON is JSON to the templates and integrations too.
     */
    static final int MAX_NUMBER_DIGITS = Json.FACTORY.streamReadConstraints().getMaxNumberLength();

    /** Thrown for malformed JSON; one instance, without a stack trace, as it is part of normal control flow. */
    private static final RuntimeException MALFORMED = new RuntimeException("malformed JSON", null, false, false) {
    };

    private final byte[] in;
    private final List<JsonPath.Segment> path;
    private int pos;

    private JsonBodyScanner(byte[] in, List<JsonPath.Segment> path) {
        this.in = in;
        this.path = path;
    }

    /**
     * The stringified value at {@code path}: {@code ""} when the path does not exist, empty when the message is not
     * a single well-formed JSON value.
     */
    static Optional<String> select(byte[] message, JsonPath path) {
        JsonBodyScanner s = new JsonBodyScanner(message, path.segments());
        try {
            s.skipSpace();
            if (s.pos == message.length) {
                return Optional.empty();
            }
            String found = s.value(0, 1);
            s.skipSpace();
            if (s.pos != message.length) {
                return Optional.empty(); // trailing content: not one JSON value
            }
            return Optional.of(found == null ? "" : found);
        } catch (RuntimeException e) {
            if (e == MALFORMED || e instanceof ArrayIndexOutOfBoundsException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Reads the value at {@code pos}, which sits at {@code step} along the path (past its end: not on it), and returns
     * the stringified target if it lies inside, else null.
     */
    private String value(int step, int depth) {
        if (step == path.size()) {
            return target(depth);
        }
        JsonPath.Segment segment = path.get(step);
        byte c = in[pos];
        if (c == '{' && segment instanceof JsonPath.Name name) {
            return objectOnPath(name, step, depth);
        }
        if (c == '[' && segment instanceof JsonPath.Index index) {
            return arrayOnPath(index.index(), step, depth);
        }
        skipValue(depth);
        return null;
    }

    private String objectOnPath(JsonPath.Name name, int step, int depth) {
        checkDepth(depth);
        pos++;
        String found = null;
        skipSpace();
        if (in[pos] == '}') {
            pos++;
            return null;
        }
        while (true) {
            boolean match = keyEquals(name.name());
            skipSpace();
            expect(':');
            skipSpace();
            if (match) {
                String value = value(step + 1, depth + 1);
                found = value != null ? value : found; // the last duplicate wins
            } else {
                skipValue(depth + 1);
            }
            skipSpace();
            if (in[pos] == ',') {
                pos++;
                skipSpace();
                continue;
            }
            expect('}');
            return found;
        }
    }

    private String arrayOnPath(int index, int step, int depth) {
        checkDepth(depth);
        pos++;
        String found = null;
        skipSpace();
        if (in[pos] == ']') {
            pos++;
            return null;
        }
        for (int i = 0; ; i++) {
            if (i == index) {
                found = value(step + 1, depth + 1);
            } else {
                skipValue(depth + 1);
            }
            skipSpace();
            if (in[pos] == ',') {
                pos++;
                skipSpace();
                continue;
            }
            expect(']');
            return found;
        }
    }

    /** The selected value as route-key text; a top-level {@code null} is "". */
    private String target(int depth) {
        if (in[pos] == 'n') {
            literal("null");
            return "";
        }
        StringBuilder out = new StringBuilder();
        append(out, depth);
        return out.toString();
    }

    private void append(StringBuilder out, int depth) {
        switch (in[pos]) {
            case '"' -> out.append(string());
            case '{' -> {
                checkDepth(depth);
                pos++;
                out.append('{');
                skipSpace();
                if (in[pos] == '}') {
                    pos++;
                } else {
                    while (true) {
                        if (in[pos] != '"') {
                            throw MALFORMED;
                        }
                        out.append(propertyName());
                        skipSpace();
                        expect(':');
                        skipSpace();
                        out.append('=');
                        append(out, depth + 1);
                        skipSpace();
                        if (in[pos] == ',') {
                            pos++;
                            skipSpace();
                            out.append(", ");
                            continue;
                        }
                        expect('}');
                        break;
                    }
                }
                out.append('}');
            }
            case '[' -> {
                checkDepth(depth);
                pos++;
                out.append('[');
                skipSpace();
                if (in[pos] == ']') {
                    pos++;
                } else {
                    while (true) {
                        append(out, depth + 1);
                        skipSpace();
                        if (in[pos] == ',') {
                            pos++;
                            skipSpace();
                            out.append(", ");
                            continue;
                        }
                        expect(']');
                        break;
                    }
                }
                out.append(']');
            }
            default -> {
                int start = pos;
                skipScalar();
                out.append(new String(in, start, pos - start, StandardCharsets.US_ASCII));
            }
        }
    }

    /** Skips one value, checking it is well formed. */
    private void skipValue(int depth) {
        switch (in[pos]) {
            case '"' -> skipString();
            case '{' -> {
                checkDepth(depth);
                pos++;
                skipSpace();
                if (in[pos] == '}') {
                    pos++;
                    return;
                }
                while (true) {
                    if (in[pos] != '"') {
                        throw MALFORMED;
                    }
                    skipName();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    skipValue(depth + 1);
                    skipSpace();
                    if (in[pos] == ',') {
                        pos++;
                        skipSpace();
                        continue;
                    }
                    expect('}');
                    return;
                }
            }
            case '[' -> {
                checkDepth(depth);
                pos++;
                skipSpace();
                if (in[pos] == ']') {
                    pos++;
                    return;
                }
                while (true) {
                    skipValue(depth + 1);
                    skipSpace();
                    if (in[pos] == ',') {
                        pos++;
                        skipSpace();
                        continue;
                    }
                    expect(']');
                    return;
                }
            }
            default -> skipScalar();
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    private void skipScalar() {
        switch (in[pos]) {
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> skipNumber();
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw MALFORMED;
            }
        }
        pos += word.length();
    }

    /**
     * RFC 8259: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, with at most
     * {@link #MAX_NUMBER_DIGITS} digits in all, as Jackson reads it.
     */
    private void skipNumber() {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (in[pos] == '0') {
            pos++;
        } else if (digit(in[pos]) && in[pos] != '0') {
            while (pos < in.length && digit(in[pos])) {
                pos++;
            }
        } else {
            throw MALFORMED;
        }
        if (pos < in.length && in[pos] == '.') {
            pos++;
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            pos++;
            if (in[pos] == '+' || in[pos] == '-') {
                pos++;
            }
            digits();
        }
        if (pos < in.length && (digit(in[pos]) || in[pos] == '.')) {
            throw MALFORMED; // "01", "1.2.3"
        }
        if (pos - start > MAX_NUMBER_DIGITS && digitCount(start) > MAX_NUMBER_DIGITS) {
            throw MALFORMED;
        }
    }

    private int digitCount(int start) {
        int n = 0;
        for (int i = start; i < pos; i++) {
            n += digit(in[i]) ? 1 : 0;
        }
        return n;
    }

    private void digits() {
        if (!digit(in[pos])) {
            throw MALFORMED;
        }
        while (pos < in.length && digit(in[pos])) {
            pos++;
        }
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Skips a string, checking its escapes and that it has no raw control characters.
     *
     * @return whether it has escapes
     */
    private boolean skipString() {
        pos++; // the opening quote
        boolean escaped = false;
        while (true) {
            byte c = in[pos++];
            if (c == '"') {
                return escaped;
            }
            if (c == '\\') {
                escape(null);
                escaped = true;
            } else if (c >= 0 && c < 0x20) {
                throw MALFORMED;
            }
        }
    }

    /** Skips a property name, checked as {@link #propertyName()} checks it. */
    private void skipName() {
        int start = pos;
        if (skipString()) {
            pos = start;
            propertyName();
        }
    }

    /**
     * Reads a property name. Unlike a string value, a name must not have an unpaired surrogate: Jackson refuses
     * <code>{"&#92;uD800":1}</code>, so the scanner does too (valid UTF-8 has no surrogates; only escapes make one).
     */
    private String propertyName() {
        String name = string();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < name.length()
                    && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw MALFORMED;
            }
        }
        return name;
    }

    /** Reads a string and returns its value, escapes decoded. */
    private String string() {
        int start = ++pos;
        while (true) {
            byte c = in[pos];
            if (c == '"') {
                String plain = new String(in, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return plain;
            }
            if (c == '\\') {
                break; // the slow way, below
            }
            if (c >= 0 && c < 0x20) {
                throw MALFORMED;
            }
            pos++;
        }
        StringBuilder out = new StringBuilder().append(new String(in, start, pos - start, StandardCharsets.UTF_8));
        int run = pos;
        while (true) {
            byte c = in[pos];
            if (c == '"' || c == '\\') {
                out.append(new String(in, run, pos - run, StandardCharsets.UTF_8));
                pos++;
                if (c == '"') {
                    return out.toString();
                }
                escape(out);
                run = pos;
            } else if (c >= 0 && c < 0x20) {
                throw MALFORMED;
            } else {
                pos++;
            }
        }
    }

    /** An escape after its backslash; appends its character to {@code out} when given. */
    private void escape(StringBuilder out) {
        byte e = in[pos++];
        char decoded = switch (e) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int code = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(in[pos++], 16);
                    if (d < 0) {
                        throw MALFORMED;
                    }
                    code = code << 4 | d;
                }
                yield (char) code;
            }
            default -> throw MALFORMED;
        };
        if (out != null) {
            out.append(decoded);
        }
    }

    /** Whether the key at {@code pos} is {@code name}; leaves {@code pos} after the key. */
    private boolean keyEquals(String name) {
        if (in[pos] != '"') {
            throw MALFORMED;
        }
        int start = pos + 1;
        int i = start;
        int n = 0;
        boolean plainAscii = true;
        while (in[i] != '"') {
            byte c = in[i];
            if (c == '\\' || c < 0) {
                plainAscii = false;
                break;
            }
            if (c < 0x20) {
                throw MALFORMED;
            }
            if (n >= name.length() || name.charAt(n) != c) {
                n = -1;
                skipName();
                return false;
            }
            n++;
            i++;
        }
        if (plainAscii) {
            pos = i + 1;
            return n == name.length();
        }
        return propertyName().equals(name); // escapes or non-ASCII: decode and compare
    }

    private void skipSpace() {
        while (pos < in.length) {
            byte c = in[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void expect(char c) {
        if (in[pos] != c) {
            throw MALFORMED;
        }
        pos++;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw MALFORMED;
        }
    }
}
