package io.switchboard.template;

import io.switchboard.json.Json;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;

/** {@code $util}: AWS's helper functions for mapping templates. */
public final class UtilVariable {
    static final UtilVariable INSTANCE = new UtilVariable();

    private UtilVariable() {
    }

    /** Escapes with JavaScript string rules ({@code '} becomes {@code \'}, as in AWS). */
    public String escapeJavaScript(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** Parses JSON text into maps, lists and values; {@code null} when it is not JSON. */
    public Object parseJson(String json) {
        try {
            return Json.MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@code application/x-www-form-urlencoded} encoding, UTF-8. */
    public String urlEncode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public String urlDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    public String base64Encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }
}
