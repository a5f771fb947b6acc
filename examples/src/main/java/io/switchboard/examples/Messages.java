package io.switchboard.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What the example handlers share for the messages they send. */
public final class Messages {

    /** The examples' JSON mapper (Jackson's defaults; immutable and thread-safe). */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Messages() {
    }

    /**
     * A JSON object with its fields in the order given ({@code type} first, so clients can switch on it early):
     * {@code json("type", "joined", "roomId", id)}.
     */
    public static String json(Object... namesAndValues) {
        Map<String, Object> message = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            message.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return JSON.writeValueAsString(message);
    }
}
