package io.switchboard.redis;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import io.switchboard.queues.QueueId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long polls of one {@link RedisQueueStore} that wait because their queue had nothing visible. They wait on no
 * thread: per queue, one receive at a time is tried for the oldest waiting poll when something may have changed — a
 * note on the queue's wake channel (a send, a visibility change to 0, a redrive or a release, from any gateway), the
 * moment the queue's earliest hidden message becomes visible, or every {@value #RECHECK_MILLIS} ms in case a note
 * was lost (pub/sub is at most once, and reconnecting loses what was published meanwhile). Each poll ends at its
 * deadline with an empty list.
 *
 * <p>Bounds: at most {@value #MAX_POLLS_PER_QUEUE} waiting polls per queue and {@value #MAX_QUEUES} queues with
 * waiting polls; a poll beyond either completes at once with an empty list (the caller polls again, as after any
 * empty receive). Thread-safe; a queue's state is guarded by its monitor, never held while completing a future.
 */
final class LongPolls implements AutoCloseable {
    static final int MAX_POLLS_PER_QUEUE = 1_000;
    static final int MAX_QUEUES = 10_000;
    static final long RECHECK_MILLIS = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(LongPolls.class);

    /** What a try for a poll found: messages, or when the queue's next hidden message becomes visible (-1 never). */
    record Batch(List<QueueMessage> messages, long nextVisibleAt) {
    }

    /** The store's side: receiving for a poll, and undoing a receive whose poll was gone when it came back. */
    interface Source {
        CompletionStage<Batch> take(QueueId queue, int max, Duration visibility);

        void release(QueueId queue, List<QueueMessage> messages);
    }

    private static final class Poll {
        final int max;
        final Duration visibility;
        final CompletableFuture<List<QueueMessage>> future;
        ScheduledFuture<?> deadline;

        Poll(int max, Duration visibility, CompletableFuture<List<QueueMessage>> future) {
            this.max = max;
            this.visibility = visibility;
            this.future = future;
        }
    }

    private enum Subscription { NONE, PENDING, DONE }

    /** One queue's waiting polls. Guarded by its monitor. */
    private final class Waiting {
        final QueueId id;
        final String channel;
        final ArrayDeque<Poll> polls = new ArrayDeque<>();
        Subscription subscription = Subscription.NONE;
        boolean running;
        boolean again;
        ScheduledFuture<?> wake;
        long wakeAt;
        long wakeToken;

        Waiting(QueueId id, String channel) {
            this.id = id;
            this.channel = channel;
        }
    }

    private final RedisClients clients;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Source source;
    private final ConcurrentHashMap<QueueId, Waiting> queues = new ConcurrentHashMap<>();
    private volatile boolean closed;

    LongPolls(RedisClients clients, Clock clock, ScheduledExecutorService timers, Source source) {
        this.clients = clients;
        this.clock = clock;
        this.timers = timers;
        this.source = source;
    }

    /**
     * Makes {@code future} wait up to {@code wait} for messages of a queue that exists. Completes it with messages,
     * with an empty list at the deadline (or at once beyond the bounds or after {@link #close}), or exceptionally
     * when the queue disappears; if the caller cancels it, it stops waiting.
     */
    void await(QueueId queue, String channel, CompletableFuture<List<QueueMessage>> future, int max,
               Duration visibility, Duration wait) {
        Waiting q = queues.get(queue);
        if (q == null) {
            if (queues.size() >= MAX_QUEUES) {
                future.complete(List.of());
                return;
            }
            q = queues.computeIfAbsent(queue, id -> new Waiting(id, channel));
        }
        Poll poll = new Poll(max, visibility, future);
        poll.deadline = schedule(() -> future.complete(List.of()), wait.toMillis());
        if (poll.deadline == null) { // the timer thread stopped: the gateway is stopping
            future.complete(List.of());
            return;
        }
        boolean accepted;
        boolean subscribe = false;
        synchronized (q) {
            accepted = !closed && q.polls.size() < MAX_POLLS_PER_QUEUE;
            if (accepted) {
                q.polls.addLast(poll);
                if (q.subscription == Subscription.NONE) {
                    q.subscription = Subscription.PENDING;
                    subscribe = true;
                }
            }
        }
        if (!accepted) {
            poll.deadline.cancel(false);
            future.complete(List.of());
            return;
        }
        Waiting waiting = q;
        future.whenComplete((messages, error) -> {
            synchronized (waiting) {
                waiting.polls.remove(poll);
            }
            poll.deadline.cancel(false);
        });
        if (subscribe) {
            subscribe(waiting);
        } else {
            trigger(waiting);
        }
    }

    /** Ends every waiting poll with an empty list; later polls end at once. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Waiting q : queues.values()) {
            List<Poll> ending;
            synchronized (q) {
                ending = new ArrayList<>(q.polls);
                q.polls.clear();
                if (q.wake != null) {
                    q.wake.cancel(false);
                    q.wake = null;
                }
            }
            ending.forEach(p -> p.future.complete(List.of()));
        }
    }

    private void subscribe(Waiting q) {
        CompletionStage<Void> subscribed;
        try {
            subscribed = clients.subscribe(q.channel, note -> trigger(q));
        } catch (RuntimeException e) {
            subscribed = CompletableFuture.failedFuture(e);
        }
        subscribed.whenComplete((ok, error) -> {
            synchronized (q) {
                // On failure, polls still find messages by the periodic recheck; the next poll subscribes again.
                q.subscription = error == null ? Subscription.DONE : Subscription.NONE;
            }
            if (error != null) {
                LOG.warn("cannot subscribe to the wake channel of queue {}; long polls recheck every {} ms",
                        q.id, RECHECK_MILLIS, error);
            }
            trigger(q, true);
        });
    }

    private void trigger(Waiting q) {
        trigger(q, false);
    }

    /** Something may have become visible: try for the oldest poll now, or once more after the try in progress. */
    private void trigger(Waiting q, boolean evenUnsubscribed) {
        synchronized (q) {
            if (closed || (q.subscription == Subscription.PENDING && !evenUnsubscribed)) {
                return;
            }
            if (q.running) {
                q.again = true;
                return;
            }
            q.running = true;
        }
        next(q);
    }

    private void next(Waiting q) {
        Poll poll;
        synchronized (q) {
            while (!q.polls.isEmpty() && q.polls.peekFirst().future.isDone()) {
                q.polls.pollFirst();
            }
            poll = closed ? null : q.polls.peekFirst();
            if (poll == null) {
                q.running = false;
                q.again = false;
                if (q.wake != null) {
                    q.wake.cancel(false);
                    q.wake = null;
                }
                return;
            }
            q.again = false;
        }
        CompletionStage<Batch> trying;
        try {
            trying = source.take(q.id, poll.max, poll.visibility);
        } catch (RuntimeException e) {
            trying = CompletableFuture.failedFuture(e);
        }
        trying.whenComplete((batch, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof GatewayException && ((GatewayException) cause).error()
                        == GatewayError.NOT_FOUND) {
                    poll.future.completeExceptionally(cause);
                } else {
                    LOG.debug("a long poll's receive on {} failed; retrying in {} ms", q.id, RECHECK_MILLIS,
                            cause);
                }
                finish(q, -1);
            } else if (!batch.messages().isEmpty()) {
                if (!poll.future.complete(batch.messages())) { // cancelled or ended meanwhile: nobody saw them
                    source.release(q.id, batch.messages());
                }
                next(q); // more may be visible, for the next poll
            } else {
                finish(q, batch.nextVisibleAt());
            }
        });
    }

    /** After a try that found nothing: once more if something happened meanwhile, else sleep until a wake-up. */
    private void finish(Waiting q, long nextVisibleAt) {
        synchronized (q) {
            if (!q.again || closed) {
                q.running = false;
                scheduleWake(q, nextVisibleAt);
                return;
            }
        }
        next(q);
    }

    /** Guarded by q: one timer per queue with waiting polls, at the next visible-at or the recheck, whichever first. */
    private void scheduleWake(Waiting q, long nextVisibleAt) {
        if (q.polls.isEmpty() || closed) {
            return;
        }
        long now = clock.millis();
        long at = now + RECHECK_MILLIS;
        if (nextVisibleAt >= 0) {
            at = Math.min(at, nextVisibleAt);
        }
        if (q.wake != null && !q.wake.isDone() && q.wakeAt <= at) {
            return;
        }
        if (q.wake != null) {
            q.wake.cancel(false);
        }
        q.wakeAt = at;
        long token = ++q.wakeToken;
        q.wake = schedule(() -> {
            synchronized (q) {
                if (q.wakeToken == token) {
                    q.wake = null;
                }
            }
            trigger(q);
        }, Math.max(0, at - now));
    }

    /** A timer task, or null when the timer thread stopped. */
    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }
}
