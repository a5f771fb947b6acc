package io.switchboard.throttle;

import io.switchboard.config.ThrottleConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket that refills at {@code rate} tokens per second up to {@code burst} tokens, as AWS throttles.
 *
 * <p>Implemented as the generic cell rate algorithm: one {@code long} (the theoretical arrival time of the next
 * request) updated with compare-and-set, so many event loops share a bucket without a lock and without allocating.
 * A burst of 0 lets nothing through, as on AWS.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final boolean closed;
    private final LongSupplier clock;
    private final AtomicLong nextArrival;

    TokenBucket(double rate, int burst, LongSupplier nanoClock) {
        this.closed = burst <= 0 || rate <= 0;
        this.intervalNanos = closed ? 1 : Math.max(1, (long) (1_000_000_000d / rate));
        // A full bucket holds `burst` tokens: that many requests may arrive at the same instant.
        this.toleranceNanos = closed ? 0 : saturatedMultiply(intervalNanos, burst - 1L);
        this.clock = nanoClock;
        this.nextArrival = new AtomicLong(nanoClock.getAsLong()); // starts full
    }

    /** A bucket on the system's monotonic clock. */
    public static TokenBucket of(ThrottleConfig config) {
        return new TokenBucket(config.rateLimit(), config.burstLimit(), System::nanoTime);
    }

    /** Takes one token if there is one; never blocks. */
    public boolean tryAcquire() {
        if (closed) {
            return false;
        }
        while (true) {
            long now = clock.getAsLong();
            long current = nextArrival.get();
            long arrival = current - now > 0 ? current : now; // nanoTime may be negative: compare differences
            if (arrival - now > toleranceNanos) {
                return false;
            }
            if (nextArrival.compareAndSet(current, arrival + intervalNanos)) {
                return true;
            }
        }
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE / 4;
    }
}
