package io.switchboard.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON factory and mapper of the process (both immutable and thread-safe). */
public final class Json {

    /**
     * Streaming factory for message scans and event writing. Nesting is capped well below Jackson's default so a
     * hostile message cannot make a scan expensive.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            // Parsers are made on event loops and function threads, which live as long as the server: a buffer per
            // thread costs less than the shared pool's concurrent deque on every message.
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .build();

    /** Tree and data-binding mapper over the same factory. */
    public static final JsonMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private Json() {
    }
}
