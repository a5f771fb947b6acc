package io.switchboard.handler;

import java.util.Map;

/**
 * The topics of the handler's own API, in process: what {@code POST /{stage}/@topics/{topic}} does, without HTTP.
 * Methods may block briefly; call them from handlers, never from a network thread.
 */
public interface Topics {

    /**
     * Publishes a message to every subscriber of a topic; returns its id once the topic's queues have it.
     *
     * @throws io.switchboard.handler.GatewayException {@code NOT_FOUND} for a topic the API does not have,
     *         {@code PAYLOAD_TOO_LARGE} over 256 KB
     */
    String publish(String topic, String message);

    /** Publishes a message with attributes (at most 10; names of letters, digits, {@code _-.}). */
    String publish(String topic, String message, Map<String, String> attributes);
}
