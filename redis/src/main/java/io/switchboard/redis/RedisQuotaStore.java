package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.throttle.QuotaStore;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Quota counters on Redis, shared by every node on the same key prefix, so that an API key's quota holds across the
 * cluster. One hash per counter ({@code quota:<counter>}: the period's start and the requests counted), read and
 * changed by one Lua script with the in-memory store's rules: an earlier period starts over, and a request that
 * names an older period than the one counted counts in the newer. A counter nobody touched for {@link #KEEP} is
 * dropped by Redis: no period is longer than a month, so it would have started over anyway. Any thread; a stage
 * fails with Lettuce's exception when Redis cannot be reached in the command timeout.
 */
final class RedisQuotaStore implements QuotaStore {
    static final Duration KEEP = Duration.ofDays(32);

    /** KEYS counter; ARGV period start, limit, keep (ms) → 1 when counted, 0 when used up. */
    private static final Script CONSUME = Script.of("""
            local current = redis.call('HMGET', KEYS[1], 'start', 'used')
            local start = tonumber(ARGV[1])
            local used = 0
            if current[1] then
              local stored = tonumber(current[1])
              if stored > start then start = stored end
              if stored == start then used = tonumber(current[2]) end
            end
            local counted = 0
            if used < tonumber(ARGV[2]) then
              used = used + 1
              counted = 1
            end
            redis.call('HSET', KEYS[1], 'start', string.format('%d', start), 'used', string.format('%d', used))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return counted
            """);

    private final RedisClients clients;

    RedisQuotaStore(RedisClients clients) {
        this.clients = clients;
    }

    @Override
    public CompletionStage<Boolean> tryConsume(String counter, long periodStart, long limit) {
        return CONSUME.<Long>run(clients.text(), ScriptOutputType.INTEGER, new String[] {clients.key("quota", counter)},
                Long.toString(periodStart), Long.toString(limit), Long.toString(KEEP.toMillis()))
                .thenApply(counted -> counted == 1);
    }
}
