package io.switchboard.expr;

import io.switchboard.json.Json;
import io.switchboard.json.JsonPath;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;

/**
 * The route selection the gateway used to do with Jackson's streaming parser, kept as the oracle that
 * {@link JsonBodyScanner} is tested against: same values, same stringification, same verdict on malformed JSON.
 */
final class JacksonSelectionOracle {

    private JacksonSelectionOracle() {
    }

    /**
     * The stringified value at {@code path}: {@code ""} when the path does not exist, empty when the message is not
     * a single well-formed JSON value.
     */
    static Optional<String> select(byte[] message, JsonPath path) {
        if (!mayBeJson(message)) {
            return Optional.empty(); // plain text: spare the parser the cost of an exception
        }
        try (JsonParser parser = Json.FACTORY.createParser(ObjectReadContext.empty(), message)) {
            if (parser.nextToken() == null) {
                return Optional.empty();
            }
            String found = visit(parser, path.segments(), 0);
            if (parser.nextToken() != null) {
                return Optional.empty(); // trailing content: not one JSON value
            }
            return Optional.of(found == null ? "" : found);
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Whether the first non-blank byte can start a JSON value. */
    private static boolean mayBeJson(byte[] message) {
        for (byte b : message) {
            switch (b) {
                case ' ', '\t', '\n', '\r' -> {
                    continue;
                }
                case '{', '[', '"', '-', 't', 'f', 'n', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Reads the value at the parser's current token, which sits at {@code depth} along the path, and returns the
     * stringified target if it lies inside; the parser ends on the value's last token.
     */
    private static String visit(JsonParser p, List<JsonPath.Segment> segments, int depth) {
        if (depth == segments.size()) {
            return stringify(p);
        }
        JsonPath.Segment segment = segments.get(depth);
        JsonToken token = p.currentToken();
        String found = null;
        if (token == JsonToken.START_OBJECT && segment instanceof JsonPath.Name name) {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                boolean match = name.name().equals(p.currentName());
                p.nextToken();
                if (match) {
                    String value = visit(p, segments, depth + 1);
                    found = value != null ? value : found; // the last duplicate wins, as in JSON.parse
                } else {
                    p.skipChildren();
                }
            }
        } else if (token == JsonToken.START_ARRAY && segment instanceof JsonPath.Index index) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (i++ == index.index()) {
                    found = visit(p, segments, depth + 1);
                } else {
                    p.skipChildren();
                }
            }
        } else {
            p.skipChildren();
        }
        return found;
    }

    /** Stringifies the value at the parser's current token, leaving the parser on its last token. */
    static String stringify(JsonParser p) {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        append(p, out);
        return out.toString();
    }

    private static void append(JsonParser p, StringBuilder out) {
        JsonToken token = p.currentToken();
        switch (token) {
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    append(p, out);
                }
                out.append(']');
            }
            case START_OBJECT -> {
                out.append('{');
                boolean first = true;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    if (!first) {
                        out.append(", ");
                    }
                    first = false;
                    out.append(p.currentName()).append('=');
                    p.nextToken();
                    append(p, out);
                }
                out.append('}');
            }
            case VALUE_NULL -> out.append("null");
            default -> out.append(p.getString());
        }
    }
}
