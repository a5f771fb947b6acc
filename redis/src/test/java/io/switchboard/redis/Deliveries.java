package io.switchboard.redis;

import io.switchboard.testing.TestWsClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one client should have received under traffic: the tags of the posts to it that were acknowledged (200), and,
 * after {@link #await}, what it did receive. A post answered otherwise may or may not have arrived, so it is not
 * expected; a tag received twice is a duplicate.
 */
public final class Deliveries {
    private final TestWsClient client;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> received = new TreeMap<>();

    public Deliveries(TestWsClient client) {
        this.client = client;
    }

    public TestWsClient client() {
        return client;
    }

    public void acknowledged(String tag) {
        acknowledged.add(tag);
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /**
     * Reads the client's messages until every acknowledged tag has arrived and then a short quiet spell (for late
     * duplicates), or until {@code atMost}; returns the acknowledged tags that never arrived.
     */
    public Set<String> await(Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            boolean complete = received.keySet().containsAll(acknowledged);
            Optional<String> message = client.nextWithin(complete ? Duration.ofMillis(300) : Duration.ofMillis(100));
            if (message.isPresent()) {
                received.merge(message.get(), 1, Integer::sum);
            } else if (complete) {
                break;
            }
        }
        Set<String> missing = new TreeSet<>(acknowledged);
        missing.removeAll(received.keySet());
        return missing;
    }

    /** Tags received more than once, with how many times. */
    public Map<String, Integer> duplicates() {
        Map<String, Integer> out = new TreeMap<>();
        received.forEach((tag, times) -> {
            if (times > 1) {
                out.put(tag, times);
            }
        });
        return out;
    }

    public int receivedCount() {
        return received.values().stream().mapToInt(Integer::intValue).sum();
    }
}
