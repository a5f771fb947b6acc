package io.switchboard.expr;

import io.switchboard.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A route selection expression, evaluated against each message as AWS does.
 *
 * <p>Grammar: {@code $request.body.a.b} (a JSONPath into the message), {@code ${request.body.a}} braced so static
 * text may follow ({@code ${request.body.service}/${request.body.action}}), {@code \$} for a literal dollar, and
 * static text. Each variable is evaluated once; a missing path gives {@code ""}; values are stringified (numbers as
 * written, arrays as {@code [a, b]}). A message that is not JSON gives no value, so it goes to {@code $default}.
 *
 * <p>Refused, with the user's text quoted and what was likely meant: any variable other than {@code $request.body}
 * (a misspelt {@code $request.bodyy.action} included), and {@code request.body} in static text, a variable missing
 * its {@code $} that would otherwise give every message the same key.
 *
 * <p>Evaluation scans the message with a streaming parser and never builds a JSON tree.
 */
public final class SelectionExpression {

    /** AWS's usual expression, the default here. */
    public static final SelectionExpression DEFAULT = parse("$request.body.action");

    private static final String BODY = "request.body";
    /** {@code request.body} in static text: a variable without its {@code $}. */
    private static final Pattern MISSING_DOLLAR = Pattern.compile("(?<!\\$)request\\.body");
    private static final Pattern BRACE_WITHOUT_DOLLAR = Pattern.compile("(?<![$\\\\])\\{request\\.body");
    private static final Pattern BODY_WITHOUT_DOLLAR = Pattern.compile("(?<![$\\\\{])request\\.body");

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
                parts.add(variable(source.substring(i + 2, end), source.substring(i, end + 1), true));
                i = end + 1;
            } else if (c == '$' && i + 1 < source.length() && Character.isLetter(source.charAt(i + 1))) {
                int end = i + 1;
                while (end < source.length() && isPathChar(source.charAt(end))) {
                    end++;
                }
                flush(text, parts);
                parts.add(variable(source.substring(i + 1, end), source.substring(i, end), false));
                i = end;
            } else {
                text.append(c);
                i++;
            }
        }
        flush(text, parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the expression is empty");
        }
        if (parts.stream().anyMatch(p -> p instanceof String t && MISSING_DOLLAR.matcher(t).find())) {
            String braced = BRACE_WITHOUT_DOLLAR.matcher(source).replaceAll("\\${request.body");
            String meant = BODY_WITHOUT_DOLLAR.matcher(braced).replaceAll("\\$request.body");
            throw new IllegalArgumentException("'" + source + "' is plain text: a variable starts with $, as in "
                    + "$request.body.<path>" + Suggestions.didYouMean(parsesTo(meant, source)));
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

    /**
     * The JSONPath of a variable: {@code name} is what follows the {@code $} (inside the braces when
     * {@code braced}), {@code written} the variable as the user wrote it, quoted in messages.
     */
    private static JsonPath variable(String name, String written, boolean braced) {
        String rest = name.startsWith(BODY) ? name.substring(BODY.length()) : null;
        if (rest == null || !rest.isBlank() && !rest.startsWith(".") && !rest.startsWith("[")) {
            Optional<String> meant = Suggestions.correctPrefix(name.strip(), BODY)
                    .map(n -> braced ? "${" + n + "}" : "$" + n)
                    .flatMap(m -> parsesTo(m, written));
            throw new IllegalArgumentException("'" + written + "' is not a selection expression: expected "
                    + "$request.body.<path>" + meant.map(m -> Suggestions.didYouMean(meant))
                    .orElse(", the only variables that can select a route (write \\$ for a literal dollar)"));
        }
        JsonPath parsed;
        try {
            parsed = rest.isBlank() ? null : JsonPath.parse("$" + rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + written + "' has a path that is not supported after "
                    + "$request.body: use .name, ['name'] and [index]");
        }
        if (parsed == null || parsed.segments().isEmpty()) { // "${request.body }" is "$" once trimmed
            throw new IllegalArgumentException("'" + written + "' must name a field of the message, such as "
                    + "$request.body.action");
        }
        return parsed;
    }

    /** {@code meant} when it is a valid expression other than {@code written}. */
    private static Optional<String> parsesTo(String meant, String written) {
        if (meant.equals(written)) {
            return Optional.empty();
        }
        try {
            parse(meant);
            return Optional.of(meant);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
