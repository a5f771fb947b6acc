package io.switchboard.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: bursts, refills and AWS's burst of zero. */
class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(-5_000_000_000L); // nanoTime may be negative

    private long taken(TokenBucket bucket, int attempts) {
        return IntStream.range(0, attempts).filter(i -> bucket.tryAcquire()).count();
    }

    @Test
    void aFullBucketLetsABurstThroughThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 5, now::get);
        assertThat(taken(bucket, 20)).isEqualTo(5);
        now.addAndGet(100_000_000); // 0.1 s: one token at 10/s
        assertThat(taken(bucket, 20)).isEqualTo(1);
        now.addAndGet(350_000_000); // 0.35 s: three more
        assertThat(taken(bucket, 20)).isEqualTo(3);
        now.addAndGet(60_000_000_000L); // a minute: full again, never more than the burst
        assertThat(taken(bucket, 20)).isEqualTo(5);
    }

    @Test
    void fractionalRates() {
        TokenBucket bucket = new TokenBucket(0.5, 1, now::get);
        assertThat(taken(bucket, 3)).isEqualTo(1);
        now.addAndGet(1_900_000_000L);
        assertThat(bucket.tryAcquire()).isFalse();
        now.addAndGet(100_000_000L);
        assertThat(bucket.tryAcquire()).isTrue();
    }

    @Test
    void aBurstOfZeroLetsNothingThrough() {
        assertThat(taken(new TokenBucket(100, 0, now::get), 10)).isZero();
        assertThat(taken(new TokenBucket(0, 10, now::get), 10)).isZero();
    }

    @Test
    void concurrentCallersNeverTakeMoreThanTheBurst() throws Exception {
        TokenBucket bucket = new TokenBucket(1, 1000, now::get);
        AtomicLong granted = new AtomicLong();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> granted.addAndGet(taken(bucket, 1000)));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(granted.get()).isEqualTo(1000);
    }
}
