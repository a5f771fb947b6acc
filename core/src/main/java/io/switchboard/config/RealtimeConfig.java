package io.switchboard.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The real-time stack of one API: its connections store, presence, topics and queues, read from the API's
 * {@code connections}, {@code presence}, {@code topics} and {@code queues} keys. Every name one of them refers to
 * must exist in the same API.
 *
 * @param connections how connections are recorded by user
 * @param presence    where presence events go
 * @param topics      the topics by name
 * @param queues      the queues by name
 */
public record RealtimeConfig(ConnectionsConfig connections, PresenceConfig presence, Map<String, TopicConfig> topics,
                             Map<String, QueueConfig> queues) {

    /** SNS's and SQS's rule for names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    static RealtimeConfig read(ConfigNode n, LimitsConfig limits, Map<String, String> stageVariables) {
        ConnectionsConfig connections = n.section("connections", c -> ConnectionsConfig.read(c, limits));
        PresenceConfig presence = n.optionalSection("presence", PresenceConfig::read).orElse(PresenceConfig.DEFAULTS);
        Map<String, TopicConfig> topics = n.namedSections("topics", (name, t) -> TopicConfig.read(t, stageVariables));
        Map<String, QueueConfig> queues = n.namedSections("queues", (name, q) -> QueueConfig.read(q));
        RealtimeConfig config = new RealtimeConfig(connections, presence, topics, queues);
        config.check(n);
        return config;
    }

    private void check(ConfigNode n) {
        topics.keySet().forEach(name -> checkName(n, "topics." + name, name));
        queues.keySet().forEach(name -> checkName(n, "queues." + name, name));
        presence.topic().ifPresent(t -> requireTopic(n, "presence.topic", t));
        presence.queue().ifPresent(q -> requireQueue(n, "presence.queue", q));
        topics.forEach((name, topic) -> {
            topic.deadLetterQueue().ifPresent(q -> requireQueue(n, "topics." + name + ".dead-letter-queue", q));
            for (int i = 0; i < topic.subscribers().size(); i++) {
                if (topic.subscribers().get(i) instanceof SubscriberConfig.Queue q) {
                    requireQueue(n, "topics." + name + ".subscribers[" + i + "].queue", q.queue());
                }
            }
        });
        queues.forEach((name, queue) -> queue.deadLetterQueue().ifPresent(dlq -> {
            String at = "queues." + name + ".dead-letter-queue";
            if (dlq.equals(name)) {
                n.problemAt(at, "a queue cannot be its own dead-letter queue");
            } else if (requireQueue(n, at, dlq) && loops(name)) {
                n.problemAt(at, "dead-letter queues must not form a loop (" + name + " comes back to itself)");
            }
        }));
    }

    /** Checks that the routes' {@code topic} and {@code queue} integrations name topics and queues of this API. */
    void checkRoutes(ConfigNode n, Map<String, RouteConfig> routes) {
        routes.forEach((key, route) -> {
            String at = "routes." + key + ".integration.";
            if (route.integration().orElse(null) instanceof IntegrationConfig.Topic t) {
                requireTopic(n, at + "topic", t.topic());
            } else if (route.integration().orElse(null) instanceof IntegrationConfig.Queue q) {
                requireQueue(n, at + "queue", q.queue());
            }
        });
    }

    private boolean loops(String start) {
        Set<String> seen = new HashSet<>();
        Optional<String> next = Optional.of(start);
        while (next.isPresent() && seen.add(next.get())) {
            QueueConfig q = queues.get(next.get());
            next = q == null ? Optional.empty() : q.deadLetterQueue();
        }
        return next.isPresent() && next.get().equals(start);
    }

    private static void checkName(ConfigNode n, String at, String name) {
        if (!NAME.matcher(name).matches()) {
            n.problemAt(at, "a name has 1 to 80 letters, digits, '-' or '_'");
        }
    }

    private void requireTopic(ConfigNode n, String at, String topic) {
        if (!topic.isEmpty() && !topics.containsKey(topic)) {
            n.problemAt(at, "no topic '" + topic + "' in this API's topics" + known(topics.keySet()));
        }
    }

    private boolean requireQueue(ConfigNode n, String at, String queue) {
        if (!queue.isEmpty() && !queues.containsKey(queue)) {
            n.problemAt(at, "no queue '" + queue + "' in this API's queues" + known(queues.keySet()));
            return false;
        }
        return true;
    }

    private static String known(Set<String> names) {
        return names.isEmpty() ? " (it has none)" : " (it has " + String.join(", ", new java.util.TreeSet<>(names))
                + ")";
    }
}
