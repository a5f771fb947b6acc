package io.switchboard.throttle;

import java.util.concurrent.CompletionStage;

/**
 * Counts requests against usage-plan quotas. One counter per API key and period; a clustered engine shares the
 * counters between nodes so that a key's quota holds across the cluster.
 */
public interface QuotaStore {

    /**
     * Counts one request on a counter, if the counter's period still has room.
     *
     * @param counter     the API key's counter (stage and key id)
     * @param periodStart start of the current period, epoch milliseconds: a counter of an earlier period starts over
     * @param limit       the most requests the period allows
     * @return completes with {@code true} when the request was counted, {@code false} when the quota is used up
     */
    CompletionStage<Boolean> tryConsume(String counter, long periodStart, long limit);
}
