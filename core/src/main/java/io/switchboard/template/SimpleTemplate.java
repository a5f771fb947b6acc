package io.switchboard.template;

import io.switchboard.handler.RouteEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Templates made only of text and plain references to {@code $context} and {@code $stageVariables} (the usual mock
 * answer, {@code {"type":"pong","connectionId":"$context.connectionId"}}), rendered by concatenation instead of by
 * Velocity, with Velocity's result: a reference to nothing renders as written. Anything else (directives, escapes,
 * quiet references, method calls, other variables) is left to Velocity.
 */
final class SimpleTemplate {
    private final List<Object> parts; // String text, or Reference

    private record Reference(String source, String root, List<String> path) {
    }

    private SimpleTemplate(List<Object> parts) {
        this.parts = parts;
    }

    /** The template as text and references, if it is that simple. */
    static Optional<SimpleTemplate> of(String text) {
        if (text.indexOf('#') >= 0 || text.indexOf('\\') >= 0) {
            return Optional.empty();
        }
        List<Object> parts = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            boolean braced = i + 1 < text.length() && text.charAt(i + 1) == '{';
            int j = braced ? i + 2 : i + 1;
            List<String> names = new ArrayList<>();
            while (true) {
                int start = j;
                while (j < text.length() && identifier(text.charAt(j), j == start)) {
                    j++;
                }
                if (j == start) {
                    return Optional.empty(); // "$" alone, "$!", "$1": Velocity's business
                }
                names.add(text.substring(start, j));
                if (j + 1 < text.length() && text.charAt(j) == '.' && identifier(text.charAt(j + 1), true)) {
                    j++;
                    continue;
                }
                break;
            }
            if (braced) {
                if (j >= text.length() || text.charAt(j) != '}') {
                    return Optional.empty();
                }
                j++;
            } else if (j < text.length() && (text.charAt(j) == '(' || text.charAt(j) == '[')) {
                return Optional.empty(); // a method call or an index
            }
            if (!supported(names)) {
                return Optional.empty();
            }
            String root = names.get(0);
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            parts.add(new Reference(text.substring(i, j), root, List.copyOf(names.subList(1, names.size()))));
            i = j;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return Optional.of(new SimpleTemplate(List.copyOf(parts)));
    }

    /**
     * {@code $context.name}, {@code $context.identity.name}, {@code $context.authorizer.name} and
     * {@code $stageVariables.name}: values that are strings, numbers or maps of them, so the result is Velocity's.
     */
    private static boolean supported(List<String> names) {
        return names.size() == 2 && (names.get(0).equals("context") || names.get(0).equals("stageVariables"))
                || names.size() == 3 && names.get(0).equals("context")
                && (names.get(1).equals("identity") || names.get(1).equals("authorizer"));
    }

    private static boolean identifier(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || !first && (Character.isDigit(c) || c == '-');
    }

    String render(RouteEvent event) {
        StringBuilder out = new StringBuilder(128);
        ContextVariable context = null;
        for (Object part : parts) {
            if (part instanceof String text) {
                out.append(text);
                continue;
            }
            Reference ref = (Reference) part;
            Object value;
            if (ref.root().equals("context")) {
                context = context == null ? new ContextVariable(event) : context;
                value = context.get(ref.path().get(0));
            } else {
                value = event.stageVariables().get(ref.path().get(0));
            }
            for (int k = 1; k < ref.path().size() && value != null; k++) {
                value = value instanceof Map<?, ?> map ? map.get(ref.path().get(k)) : null;
            }
            out.append(value == null ? ref.source() : String.valueOf(value));
        }
        return out.toString();
    }
}
