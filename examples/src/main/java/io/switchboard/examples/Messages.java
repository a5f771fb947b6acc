package io.switchboard.examples;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/** What the example handlers share for the messages they send. */
public final class Messages {

    /**
     * The examples' JSON mapper (immutable and thread-safe). Its buffers are recycled per thread: handlers run on a
     * fixed set of long-lived function threads, where that costs less than Jackson's default shared pool on every
     * message (the rooms benchmark calls it twice per message).
     */
    public static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool()).build()).build();

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
