package io.switchboard.expr;

import io.switchboard.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A route selection expression, evaluated against each message as AWS does.
 *
 * <p>Grammar: {@code $request.body.a.b} (a JSONPath into the message), {@code ${request.body.a}} braced so static
 * text may follow ({@code ${request.body.service}/${request.body.action}}), {@code \$} for a literal dollar, and
 * static text. Each variable is evaluated once; a missing path gives {@code ""}; values are stringified (numbers as
 * written, arrays as {@code [a, b]}). A message that is not JSON gives no value, so it goes to {@code $default}.
 *
 * <p>Evaluation scans the message with a streaming parser and never builds a JSON tree.
 */
public final class SelectionExpression {

    /** AWS's usual expression, the default here. */
    public static final SelectionExpression DEFAULT = parse("$request.body.action");

    private static final String BODY = "request.body";

    private final String source;
    private final List<Object> parts; // String (static text) or JsonPath

    private SelectionExpression(String source, List<Object> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message fit for a user when the expression is not supported
     */
    public static SelectionExpression parse(String source) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == '$') {
                text.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'${' at position " + i + " has no closing '}'");
                }
                flush(text, parts);
                parts.add(variable(source.substring(i + 2, end)));
                i = end + 1;
            } else if (c == '$' && source.startsWith(BODY, i + 1)) {
                int end = i + 1 + BODY.length();
                while (end < source.length() && isPathChar(source.charAt(end))) {
                    end++;
                }
                flush(text, parts);
                parts.add(variable(source.substring(i + 1, end)));
                i = end;
            } else if (c == '$' && i + 1 < source.length() && Character.isLetter(source.charAt(i + 1))) {
                throw new IllegalArgumentException("only $request.body variables can select a route, found '"
                        + source.substring(i) + "' (write \\$ for a literal dollar)");
            } else {
                text.append(c);
                i++;
            }
        }
        flush(text, parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        return new SelectionExpression(source, List.copyOf(parts));
    }

    /** The expression as written. */
    public String source() {
        return source;
    }

    /**
     * Evaluates the expression against a message.
     *
     * @return the selected route key, or empty when the message is not JSON (and so goes to {@code $default})
     */
    public Optional<String> evaluate(byte[] message) {
        if (parts.size() == 1 && parts.get(0) instanceof JsonPath path) {
            return JsonBodyScanner.select(message, path);
        }
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof JsonPath path) {
                Optional<String> value = JsonBodyScanner.select(message, path);
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                out.append(value.get());
            } else {
                out.append((String) part);
            }
        }
        return Optional.of(out.toString());
    }

    @Override
    public String toString() {
        return source;
    }

    private static JsonPath variable(String name) {
        if (!name.startsWith(BODY)) {
            throw new IllegalArgumentException("only $request.body variables can select a route, found '" + name
                    + "'");
        }
        String path = name.substring(BODY.length());
        JsonPath parsed = path.isEmpty() ? null : JsonPath.parse("$" + path);
        if (parsed == null || parsed.segments().isEmpty()) { // "${request.body }" is "$" once trimmed
            throw new IllegalArgumentException("'" + name + "' must name a field of the message, such as "
                    + "$request.body.action");
        }
        return parsed;
    }

    private static boolean isPathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '[' || c == ']' || c == '\''
                || c == '"';
    }

    private static void flush(StringBuilder text, List<Object> parts) {
        if (!text.isEmpty()) {
            parts.add(text.toString());
            text.setLength(0);
        }
    }
}
