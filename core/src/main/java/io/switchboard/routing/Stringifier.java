package io.switchboard.routing;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Turns a selected JSON value into route-key text the way AWS does: strings as they are, numbers and booleans as
 * written, arrays as {@code [item1, item2]} and objects as {@code {key=value}} (Java's collection formatting, which
 * AWS's documentation shows for arrays). A JSON {@code null} selects nothing, like a missing path.
 */
final class Stringifier {

    private Stringifier() {
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
