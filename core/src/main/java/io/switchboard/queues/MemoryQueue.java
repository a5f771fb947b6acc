package io.switchboard.queues;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One queue of the in-memory store. Visible messages wait in a FIFO; delayed and received ones wait in a heap ordered
 * by when they become visible. Time is only looked at when something happens (a send, a receive, a timer), so a
 * message needs no timer of its own; the only timers are a long poll's deadline and one wake-up for the next message
 * that becomes visible while receivers wait.
 *
 * <p>All state is guarded by the queue's monitor, held briefly and never while completing a receiver's future or
 * moving a message to the dead-letter queue (which takes that queue's monitor): those run after it is released.
 */
final class MemoryQueue {
    /** A long poll waiting for a message. */
    private static final class Waiter {
        final int max;
        final long visibilityMillis;
        final CompletableFuture<List<QueueMessage>> future = new CompletableFuture<>();
        ScheduledFuture<?> deadline;

        Waiter(int max, long visibilityMillis) {
            this.max = max;
            this.visibilityMillis = visibilityMillis;
        }
    }

    private final QueueId id;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Function<String, Optional<MemoryQueue>> queues;
    private volatile QueueSettings settings;

    private final ArrayDeque<QueueEntry> ready = new ArrayDeque<>();
    private final HiddenEntries hidden = new HiddenEntries();
    private final HashMap<String, QueueEntry> inFlight = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private int size;
    private ScheduledFuture<?> wake;
    private long wakeAt;

    /**
     * @param queues finds another queue of the store by name, for the dead-letter queue
     */
    MemoryQueue(QueueId id, QueueSettings settings, Clock clock, ScheduledExecutorService timers,
                Function<String, Optional<MemoryQueue>> queues) {
        this.id = id;
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        this.queues = queues;
    }

    void settings(QueueSettings newSettings) {
        settings = newSettings;
    }

    String send(NewMessage message) {
        long now = clock.millis();
        List<Runnable> after = new ArrayList<>();
        String messageId = UUID.randomUUID().toString();
        synchronized (this) {
            if (size >= settings.maxMessages()) {
                throw GatewayException.of(GatewayError.QUEUE_FULL, "queue " + id.name() + " holds "
                        + settings.maxMessages() + " messages, its max-messages");
            }
            QueueEntry entry = new QueueEntry(messageId, message.body(), message.attributes(), now, Optional.empty());
            size++;
            long delay = message.delay().orElse(settings.delay()).toMillis();
            if (delay > 0) {
                hidden.hide(entry, now + delay);
            } else {
                ready.addLast(entry);
            }
            serveWaiters(now, after);
        }
        after.forEach(Runnable::run);
        return messageId;
    }

    CompletableFuture<List<QueueMessage>> receive(int max, Duration wait, Duration visibility) {
        long now = clock.millis();
        List<Runnable> after = new ArrayList<>();
        Waiter waiter = null;
        List<QueueMessage> received;
        synchronized (this) {
            promote(now, after);
            received = take(max, visibility.toMillis(), now);
            if (received.isEmpty() && wait.toMillis() > 0) {
                Waiter w = new Waiter(max, visibility.toMillis());
                w.deadline = schedule(() -> expire(w), wait.toMillis());
                if (w.deadline != null) { // else the gateway is stopping: answer at once, with nothing
                    waiter = w;
                    waiters.addLast(w);
                    scheduleWake(now);
                }
            }
        }
        after.forEach(Runnable::run);
        if (waiter == null) {
            return CompletableFuture.completedFuture(received);
        }
        Waiter w = waiter;
        w.future.whenComplete((messages, error) -> {
            if (w.future.isCancelled()) {
                synchronized (this) {
                    waiters.remove(w);
                }
                w.deadline.cancel(false);
            }
        });
        return w.future;
    }

    boolean delete(String receipt) {
        List<Runnable> after = new ArrayList<>();
        boolean deleted;
        synchronized (this) {
            promote(clock.millis(), after);
            QueueEntry entry = inFlight.remove(receipt);
            deleted = entry != null;
            if (deleted) {
                entry.receipt = null;
                HiddenEntries.forget(entry);
                size--;
            }
        }
        after.forEach(Runnable::run);
        return deleted;
    }

    boolean changeVisibility(String receipt, Duration timeout) {
        long now = clock.millis();
        List<Runnable> after = new ArrayList<>();
        boolean changed;
        synchronized (this) {
            promote(now, after);
            QueueEntry entry = inFlight.get(receipt);
            changed = entry != null;
            if (changed) {
                hidden.hide(entry, now + timeout.toMillis());
                serveWaiters(now, after);
            }
        }
        after.forEach(Runnable::run);
        return changed;
    }

    QueueStats stats() {
        List<Runnable> after = new ArrayList<>();
        QueueStats stats;
        synchronized (this) {
            sweep(clock.millis(), after);
            stats = new QueueStats(ready.size(), inFlight.size(), size - ready.size() - inFlight.size());
        }
        after.forEach(Runnable::run);
        return stats;
    }

    /** Drops every message past its retention, so that a queue nobody reads does not keep them. */
    void sweep() {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            sweep(clock.millis(), after);
        }
        after.forEach(Runnable::run);
    }

    /** Takes a message moved here from another queue's redrive; never refused, so nothing is lost on the way. */
    private void acceptDeadLetter(QueueEntry from, String source) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            QueueEntry entry = new QueueEntry(from.id, from.body, from.attributes, from.sentAt, Optional.of(source));
            size++;
            ready.addLast(entry);
            serveWaiters(clock.millis(), after);
        }
        after.forEach(Runnable::run);
    }

    private void sweep(long now, List<Runnable> after) {
        promote(now, after);
        ready.removeIf(entry -> {
            boolean expired = expired(entry, now);
            size -= expired ? 1 : 0;
            return expired;
        });
        hidden.forEach(entry -> {
            if (expired(entry, now)) {
                if (entry.receipt != null) {
                    inFlight.remove(entry.receipt);
                    entry.receipt = null;
                }
                HiddenEntries.forget(entry);
                size--;
            }
        });
    }

    /** Moves messages whose time has come from the heap to the FIFO, the dead-letter queue, or nowhere (expired). */
    private void promote(long now, List<Runnable> after) {
        QueueSettings s = settings;
        for (QueueEntry entry = hidden.pollDue(now); entry != null; entry = hidden.pollDue(now)) {
            if (entry.receipt != null) {
                inFlight.remove(entry.receipt);
                entry.receipt = null;
            }
            if (expired(entry, now)) {
                size--;
                continue;
            }
            Optional<MemoryQueue> deadLetters = s.maxReceiveCount() > 0 && entry.receiveCount >= s.maxReceiveCount()
                    ? s.deadLetterQueue().flatMap(queues) : Optional.empty();
            if (deadLetters.isPresent()) {
                size--;
                QueueEntry moving = entry;
                after.add(() -> deadLetters.get().acceptDeadLetter(moving, id.name()));
                continue;
            }
            ready.addLast(entry);
        }
    }

    /** Receives up to {@code max} ready messages. */
    private List<QueueMessage> take(int max, long visibilityMillis, long now) {
        List<QueueMessage> taken = new ArrayList<>(Math.min(max, ready.size()));
        while (taken.size() < max && !ready.isEmpty()) {
            QueueEntry entry = ready.pollFirst();
            if (expired(entry, now)) {
                size--;
                continue;
            }
            entry.receiveCount++;
            if (entry.receiveCount == 1) {
                entry.firstReceiveAt = now;
            }
            entry.receipt = receipt();
            inFlight.put(entry.receipt, entry);
            hidden.hide(entry, now + visibilityMillis);
            taken.add(entry.message());
        }
        return taken;
    }

    /** Hands ready messages to waiting long polls, oldest poll first. */
    private void serveWaiters(long now, List<Runnable> after) {
        promote(now, after);
        while (!waiters.isEmpty() && !ready.isEmpty()) {
            Waiter waiter = waiters.pollFirst();
            if (waiter.future.isDone()) {
                continue;
            }
            List<QueueMessage> messages = take(waiter.max, waiter.visibilityMillis, now);
            after.add(() -> hand(waiter, messages));
        }
        scheduleWake(now);
    }

    private void hand(Waiter waiter, List<QueueMessage> messages) {
        waiter.deadline.cancel(false);
        if (!waiter.future.complete(messages)) { // cancelled meanwhile: the messages were never seen
            release(messages);
        }
    }

    /** Makes messages a cancelled long poll took visible again, as if never received. */
    private void release(List<QueueMessage> messages) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                QueueEntry entry = inFlight.remove(messages.get(i).receiptHandle());
                if (entry != null) {
                    entry.receipt = null;
                    HiddenEntries.forget(entry);
                    entry.receiveCount--;
                    entry.firstReceiveAt = entry.receiveCount == 0 ? 0 : entry.firstReceiveAt;
                    ready.addFirst(entry);
                }
            }
            serveWaiters(clock.millis(), after);
        }
        after.forEach(Runnable::run);
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            waiters.remove(waiter);
            if (waiters.isEmpty() && wake != null) {
                wake.cancel(false);
                wake = null;
            }
        }
        waiter.future.complete(List.of());
    }

    /** While receivers wait, a timer for the moment the next hidden message becomes visible. */
    private void scheduleWake(long now) {
        long next = hidden.nextVisibleAt();
        if (waiters.isEmpty() || next < 0) {
            return;
        }
        if (wake != null && wakeAt <= next) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next;
        wake = schedule(this::onWake, Math.max(0, next - now));
    }

    /** A timer task, or null when the timer thread has stopped (the gateway is stopping). */
    private ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        try {
            return timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;
        }
    }

    private void onWake() {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            wake = null;
            serveWaiters(clock.millis(), after);
        }
        after.forEach(Runnable::run);
    }

    private boolean expired(QueueEntry entry, long now) {
        return now - entry.sentAt >= settings.retention().toMillis();
    }

    private static String receipt() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toUnsignedString(random.nextLong(), 36) + Long.toUnsignedString(random.nextLong(), 36);
    }
}
