package io.switchboard.examples.broadcast;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The broadcast API's shared key (seed 002 checks {@code key == '1234'} in the message and an API key on the REST
 * call). It is the stage variable {@code apiKey}, which the example configuration takes from
 * {@code BROADCAST_API_KEY}. Compared in constant time, so response times do not reveal how much of a guess was right.
 */
final class BroadcastKey {
    static final String STAGE_VARIABLE = "apiKey";

    private BroadcastKey() {
    }

    /** Whether {@code offered} is the stage's key; false when the stage has none. */
    static boolean valid(Map<String, String> stageVariables, Optional<String> offered) {
        String expected = stageVariables.getOrDefault(STAGE_VARIABLE, "");
        return !expected.isEmpty() && offered.isPresent()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                offered.get().getBytes(StandardCharsets.UTF_8));
    }
}
