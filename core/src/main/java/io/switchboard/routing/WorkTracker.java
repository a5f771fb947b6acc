package io.switchboard.routing;

import java.time.Duration;

/** Counts integration calls under way, so that a stopping server can wait for them (and for {@code $disconnect}). */
public final class WorkTracker {
    private int running;

    public synchronized void begin() {
        running++;
    }

    public synchronized void end() {
        if (--running == 0) {
            notifyAll();
        }
    }

    public synchronized int running() {
        return running;
    }

    /** Waits until nothing runs or the timeout passes; returns whether everything finished. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
