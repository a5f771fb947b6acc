package io.switchboard.connections;

import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The ordered queue of one connection's integration calls.
 *
 * <p>Calls start one at a time, in arrival order, each when the previous one has finished, so a handler sees a
 * client's messages in the order they were sent and one connection never occupies more than one function thread.
 * When more than {@code highWater} calls wait, the lane stops reading from the socket (TCP back-pressure on that
 * client) and resumes once half have drained. Confined to the connection's event loop.
 */
public final class Lane {
    private final Channel channel;
    private final int highWater;
    // Small at first: most connections never have more than one call waiting.
    private final ArrayDeque<Supplier<? extends CompletionStage<?>>> waiting = new ArrayDeque<>(2);
    private boolean busy;
    private boolean paused;

    public Lane(Channel channel, int highWater) {
        this.channel = channel;
        this.highWater = highWater;
    }

    /** Queues a call; it starts when every earlier one has finished. Call on the event loop. */
    public void submit(Supplier<? extends CompletionStage<?>> call) {
        waiting.add(call);
        if (!busy) {
            drain();
        }
        if (!paused && waiting.size() >= highWater && channel.isActive()) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    /** Calls waiting to start (the running one excluded). */
    public int waiting() {
        return waiting.size();
    }

    /** Whether a call is running or waiting. */
    public boolean idle() {
        return !busy && waiting.isEmpty();
    }

    private void drain() {
        while (!busy && !waiting.isEmpty()) {
            busy = true;
            CompletableFuture<?> running = start(waiting.poll());
            if (running.isDone()) {
                busy = false;
            } else {
                running.whenComplete((result, error) -> channel.eventLoop().execute(this::finished));
            }
        }
        if (paused && waiting.size() <= highWater / 2) {
            paused = false;
            if (channel.isActive()) {
                channel.config().setAutoRead(true);
            }
        }
    }

    private void finished() {
        busy = false;
        drain();
    }

    private static CompletableFuture<?> start(Supplier<? extends CompletionStage<?>> call) {
        try {
            return call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
