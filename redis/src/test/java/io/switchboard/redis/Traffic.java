package io.switchboard.redis;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Traffic for fault tests (a node killed, Redis failing over): loops on threads of their own that call a gateway
 * back to back until {@link #close()}, with every answer counted by status and the slowest kept, so that a test can
 * say afterwards what was answered and that nothing hung. Shared by the redis and server modules' fault tests.
 */
public final class Traffic implements AutoCloseable {
    /** One round of a loop; it may throw, which fails the test at {@link #close()} rather than going unseen. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> loops = new ArrayList<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Runs {@code step} over and over on a thread of its own until {@link #close()}. */
    public Traffic loop(String name, Step step) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                try {
                    step.run();
                } catch (Throwable e) {
                    failures.add(e);
                    return; // one failure is enough to fail the test; a loop of them would only add noise
                }
            }
        }, name);
        thread.setDaemon(true);
        loops.add(thread);
        thread.start();
        return this;
    }

    /** A tag no other call of this traffic gets, to tell the messages apart at the receiving end. */
    public String nextTag(String prefix) {
        return prefix + "-" + sequence.incrementAndGet();
    }

    /**
     * Makes one call, counting its status (-1 for no answer at all: a timeout or a broken connection) and its
     * duration; returns the status.
     */
    public int call(Callable<HttpResponse<String>> request) {
        HttpResponse<String> answer = exchange(request);
        return answer == null ? -1 : answer.statusCode();
    }

    /** As {@link #call}, for a caller that needs the answer's body too; null when there was no answer. */
    public HttpResponse<String> exchange(Callable<HttpResponse<String>> request) {
        long started = System.nanoTime();
        HttpResponse<String> answer;
        try {
            answer = request.call();
        } catch (Exception e) {
            answer = null;
        }
        slowestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        statuses.computeIfAbsent(answer == null ? -1 : answer.statusCode(), k -> new AtomicInteger())
                .incrementAndGet();
        return answer;
    }

    /** Answers so far by status, in order. */
    public Map<Integer, Integer> statuses() {
        Map<Integer, Integer> out = new TreeMap<>();
        statuses.forEach((status, count) -> out.put(status, count.get()));
        return out;
    }

    public int count(int status) {
        return statuses().getOrDefault(status, 0);
    }

    public Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    /** Stops the loops, waits for the calls in flight, and rethrows the first failure of a loop. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread loop : loops) {
            loop.join(Duration.ofSeconds(60).toMillis());
        }
        Throwable failure = failures.peek();
        if (failure != null) {
            throw new AssertionError("a traffic loop failed", failure);
        }
    }
}
