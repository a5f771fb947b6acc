package io.switchboard.redis;

import io.switchboard.queues.QueueId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one queue lives in Redis, and how a message's unchanging part is written there. Every queue of a stage
 * carries the hash tag {@code {q:<stage>}}, its keys then {@code :<name>:<kind>} (stage and name escaped so that no two
 * queues share keys). So a stage's queues sit in one Redis Cluster slot, and a script may touch a queue and its
 * dead-letter queue (always of the same stage) at once: a redrive stays one atomic step. The cost is that one
 * stage's queues all live on one shard of a cluster.
 * <ul>
 *   <li>{@code conf}: hash of the settings ({@code vis ret maxrc dlq delay max}, times in ms) and {@code seq}, the
 *       counter message ids start with; the queue exists while it exists</li>
 *   <li>{@code body}: hash id → {@link #encode encoded} sent time, attributes and body (never changed)</li>
 *   <li>{@code state}: hash id → {@code receiveCount:firstReceive:receipt:deadLetterSource} (Lua-managed)</li>
 *   <li>{@code age}: sorted set id → sent time, for retention and the size limit</li>
 *   <li>{@code ready}: sorted set id → visible-at, for messages not in flight (visible or delayed)</li>
 *   <li>{@code flight}: sorted set id → visible-at, for received messages</li>
 *   <li>{@code receipts}: hash receipt → id, only the current receipt of each message in flight</li>
 *   <li>channel {@code wake}: a note that a message may have become visible; in the same tag, so that on a cluster
 *       a script may {@code SPUBLISH} it</li>
 * </ul>
 *
 * @param id the queue
 */
record QueueLayout(QueueId id, String conf, String body, String state, String age, String ready, String flight,
                   String receipts, String channel) {

    static QueueLayout of(RedisClients clients, QueueId id) {
        String tag = "{q:" + escape(id.stage()) + "}";
        String name = escape(id.name());
        return new QueueLayout(id, clients.key(tag, name, "conf"), clients.key(tag, name, "body"),
                clients.key(tag, name, "state"), clients.key(tag, name, "age"), clients.key(tag, name, "ready"),
                clients.key(tag, name, "flight"), clients.key(tag, name, "receipts"), clients.key(tag, name, "wake"));
    }

    /** The seven keys every script gets. */
    String[] keys() {
        return new String[] {conf, body, state, age, ready, flight, receipts};
    }

    /** The seven keys, then the dead-letter queue's first five (same stage, so the same slot): what a redrive needs. */
    String[] keysWith(QueueLayout deadLetters) {
        return new String[] {conf, body, state, age, ready, flight, receipts, deadLetters.conf, deadLetters.body,
                deadLetters.state, deadLetters.age, deadLetters.ready};
    }

    /** {@code %}, {@code :}, <code>{</code> and <code>}</code> escaped: names can neither collide nor end the tag. */
    static String escape(String part) {
        StringBuilder out = new StringBuilder(part.length() + 8);
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case ':' -> out.append("%3A");
                case '{' -> out.append("%7B");
                case '}' -> out.append("%7D");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A message's unchanging part: {@code sentAt\ncount\n} then {@code length:name length:value} pairs, then body. */
    static String encode(long sentAt, Map<String, String> attributes, String body) {
        StringBuilder out = new StringBuilder(body.length() + 32);
        out.append(sentAt).append('\n').append(attributes.size()).append('\n');
        attributes.forEach((name, value) -> out.append(name.length()).append(':').append(name)
                .append(value.length()).append(':').append(value));
        return out.append(body).toString();
    }

    /** What {@link #encode} wrote. */
    record Payload(long sentAt, Map<String, String> attributes, String body) {
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IllegalStateException when the text is not such a payload (a key written by something else)
     */
    static Payload decode(String text) {
        try {
            int line = text.indexOf('\n');
            long sentAt = Long.parseLong(text, 0, line, 10);
            int next = text.indexOf('\n', line + 1);
            int count = Integer.parseInt(text, line + 1, next, 10);
            int at = next + 1;
            Map<String, String> attributes = new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                int colon = text.indexOf(':', at);
                int length = Integer.parseInt(text, at, colon, 10);
                String name = text.substring(colon + 1, colon + 1 + length);
                at = colon + 1 + length;
                colon = text.indexOf(':', at);
                length = Integer.parseInt(text, at, colon, 10);
                String value = text.substring(colon + 1, colon + 1 + length);
                at = colon + 1 + length;
                attributes.put(name, value);
            }
            return new Payload(sentAt, Collections.unmodifiableMap(attributes), text.substring(at));
        } catch (RuntimeException e) {
            throw new IllegalStateException("a queue message in Redis is not in the store's format", e);
        }
    }
}
