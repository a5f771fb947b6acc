package io.switchboard.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON factory and mapper of the process (both immutable and thread-safe). */
public final class Json {

    /**
     * Streaming factory for message scans and event writing. Nesting is capped well below Jackson's default so a
     * hostile message cannot make a scan expensive.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    /** Tree and data-binding mapper over the same factory. */
    public static final JsonMapper MAPPER = JsonMapper.builder(FACTORY).build();

    private Json() {
    }
}
