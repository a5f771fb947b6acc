package io.switchboard.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The JSONPath subset AWS's examples use: {@code $}, {@code .name}, {@code ['name']} and {@code [index]}.
 * Anything else is rejected when the path is parsed, never silently misread.
 */
public final class JsonPath {

    /** One step of a path: a property name or an array index. */
    public sealed interface Segment {
    }

    /** A property of an object. */
    public record Name(String name) implements Segment {
    }

    /** An element of an array. */
    public record Index(int index) implements Segment {
    }

    private final String source;
    private final List<Segment> segments;

    private JsonPath(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    /**
     * Parses a path such as {@code $.data.room}, {@code $['data']['room']} or {@code $.items[0]}.
     *
     * @throws IllegalArgumentException naming what is not supported
     */
    public static JsonPath parse(String source) {
        String path = source.trim();
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("a JSONPath starts with $, not '" + source + "'");
        }
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < path.length() && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    i++;
                }
                String name = path.substring(start, i);
                if (name.isEmpty() || name.equals("*")) {
                    throw unsupported(source, start);
                }
                segments.add(new Name(name));
            } else if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'[' without ']' in '" + source + "'");
                }
                String inside = path.substring(i + 1, end).trim();
                if (inside.length() >= 2 && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
                        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
                    segments.add(new Name(inside.substring(1, inside.length() - 1)));
                } else if (inside.matches("\\d{1,9}")) {
                    segments.add(new Index(Integer.parseInt(inside)));
                } else {
                    throw unsupported(source, i);
                }
                i = end + 1;
            } else {
                throw unsupported(source, i);
            }
        }
        return new JsonPath(source, List.copyOf(segments));
    }

    /** The steps, outermost first; empty for {@code $} itself. */
    public List<Segment> segments() {
        return segments;
    }

    /** Follows the path through a tree; empty when a step does not exist. */
    public Optional<JsonNode> find(JsonNode root) {
        JsonNode current = root;
        for (Segment segment : segments) {
            if (segment instanceof Name name) {
                current = current.isObject() ? current.get(name.name()) : null;
            } else {
                int index = ((Index) segment).index();
                current = current.isArray() ? current.get(index) : null;
            }
            if (current == null) {
                return Optional.empty();
            }
        }
        return Optional.of(current);
    }

    @Override
    public String toString() {
        return source;
    }

    private static IllegalArgumentException unsupported(String source, int at) {
        return new IllegalArgumentException("unsupported JSONPath '" + source + "' at position " + at
                + "; use $, .name, ['name'] and [index]");
    }
}
