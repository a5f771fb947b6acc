package io.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * Presence events of an API: ONLINE when a user's first connection opens, OFFLINE when the last one closes.
 *
 * @param topic      the topic of the same API the events are published to
 * @param queue      the queue of the same API they are sent to (at most one of topic and queue)
 * @param offlineTtl how long an offline user's last-seen time is remembered
 */
public record PresenceConfig(Optional<String> topic, Optional<String> queue, Duration offlineTtl) {

    public static final PresenceConfig DEFAULTS = new PresenceConfig(Optional.empty(), Optional.empty(),
            Duration.ofDays(1));

    static PresenceConfig read(ConfigNode n) {
        Optional<String> topic = n.optionalString("topic");
        Optional<String> queue = n.optionalString("queue");
        if (topic.isPresent() && queue.isPresent()) {
            n.problem("queue", "presence goes to a topic or a queue, not both");
        }
        Duration offlineTtl = n.duration("offline-ttl", DEFAULTS.offlineTtl, Duration.ofSeconds(1),
                Duration.ofDays(400));
        return new PresenceConfig(topic, queue, offlineTtl);
    }
}
