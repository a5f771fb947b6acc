package io.switchboard.testing;

import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.QueueService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads a queue of a running gateway in process, deleting what it reads, for tests that check what reached it. */
public final class QueueReader {
    private final QueueService queues;
    private final String stage;
    private final String queue;

    public QueueReader(TestGateway gateway, String stage, String queue) {
        this.queues = gateway.server().gateway().realtime().queues();
        this.stage = stage;
        this.queue = queue;
    }

    /** The next {@code count} messages, in the order received; fails if they do not all come within 10 s. */
    public List<QueueMessage> take(int count) {
        List<QueueMessage> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("only " + taken.size() + " of " + count + " messages reached " + queue
                        + ": " + taken);
            }
            taken.addAll(receive(Math.min(10, count - taken.size()),
                    Duration.ofNanos(Math.min(left, Duration.ofSeconds(5).toNanos()))));
        }
        return taken;
    }

    /** The next message. */
    public QueueMessage next() {
        return take(1).get(0);
    }

    /** The next message that matches; the ones before it are taken and dropped. */
    public QueueMessage find(java.util.function.Predicate<QueueMessage> matching) {
        while (true) {
            QueueMessage m = next();
            if (matching.test(m)) {
                return m;
            }
        }
    }

    /** Everything visible now, without waiting. */
    public List<QueueMessage> drain() {
        List<QueueMessage> all = new ArrayList<>();
        for (List<QueueMessage> got = receive(10, Duration.ZERO); !got.isEmpty(); got = receive(10, Duration.ZERO)) {
            all.addAll(got);
        }
        return all;
    }

    private List<QueueMessage> receive(int max, Duration wait) {
        List<QueueMessage> got = queues.receive(stage, queue, max, wait, Optional.empty()).toCompletableFuture()
                .join();
        for (QueueMessage m : got) {
            queues.delete(stage, queue, m.receiptHandle()).toCompletableFuture().join();
        }
        return got;
    }
}
