package io.switchboard.throttle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Quota counters in this process; every stage it returns is already complete. */
public final class InMemoryQuotaStore implements QuotaStore {
    private record Count(long periodStart, long used) {
    }

    private final ConcurrentHashMap<String, Count> counters = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Boolean> tryConsume(String counter, long periodStart, long limit) {
        boolean[] counted = new boolean[1];
        counters.compute(counter, (key, count) -> {
            // A request that read the clock just before the period turned counts in the newer period.
            long start = count == null ? periodStart : Math.max(count.periodStart(), periodStart);
            long used = count != null && count.periodStart() == start ? count.used() : 0;
            counted[0] = used < limit;
            return new Count(start, counted[0] ? used + 1 : used);
        });
        return CompletableFuture.completedFuture(counted[0]);
    }
}
