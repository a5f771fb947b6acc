package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import io.switchboard.presence.PresenceChange;
import io.switchboard.presence.PresenceStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Presence records on Redis, shared by every node on the same key prefix, so that a transition is reported once in
 * the cluster however many nodes hand in the same change. Per stage (in its hash tag) a hash per user
 * ({@code presence:<user>}: status, since, seq, the transitions' version and the last one published), the users ONLINE ({@code online}) and the OFFLINE ones by when last
 * seen ({@code offline}, a sorted set), changed together by Lua scripts. Any thread; a stage fails with Lettuce's
 * exception when Redis cannot be reached in the command timeout.
 */
final class RedisPresenceStore implements PresenceStore {
    /** Users one forgetting script looks at, at most, so that it never blocks Redis for long. */
    static final int FORGET_BATCH = 500;

    /**
     * KEYS user, online, offline; ARGV user, status, at, sequence → {version, published} when the status changed,
     * else an empty list.
     */
    private static final Script UPDATE = Script.of("""
            local current = redis.call('HMGET', KEYS[1], 'status', 'seq', 'ver', 'pub')
            if current[1] and tonumber(ARGV[4]) <= tonumber(current[2]) then return {} end
            local was = current[1] or 'OFFLINE'
            if was == ARGV[2] then
              if current[1] then redis.call('HSET', KEYS[1], 'seq', ARGV[4]) end
              return {}
            end
            local version = tonumber(current[3] or '0') + 1
            local published = tonumber(current[4] or '0')
            redis.call('HSET', KEYS[1], 'status', ARGV[2], 'since', ARGV[3], 'seq', ARGV[4], 'ver', version,
              'pub', published)
            if ARGV[2] == 'ONLINE' then
              redis.call('SADD', KEYS[2], ARGV[1])
              redis.call('ZREM', KEYS[3], ARGV[1])
            else
              redis.call('SREM', KEYS[2], ARGV[1])
              redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
            end
            return {version, published}
            """);
    /** KEYS user; ARGV version: raises the published version of an existing record. */
    private static final Script PUBLISHED = Script.of("""
            local pub = redis.call('HGET', KEYS[1], 'pub')
            if pub and tonumber(ARGV[1]) > tonumber(pub) then redis.call('HSET', KEYS[1], 'pub', ARGV[1]) end
            return 1
            """);
    /** KEYS user, offline; ARGV user. */
    private static final Script FORGET_IF_OFFLINE = Script.of("""
            if redis.call('HGET', KEYS[1], 'status') == 'OFFLINE' then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[1])
            end
            return 1
            """);
    /** KEYS offline; ARGV before, limit, user-key prefix → {looked at, forgotten}. */
    private static final Script FORGET_OFFLINE = Script.of("""
            local users = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local forgotten = 0
            for _, user in ipairs(users) do
              local key = ARGV[3] .. user
              local r = redis.call('HMGET', key, 'status', 'since')
              if r[1] == 'OFFLINE' and tonumber(r[2]) < tonumber(ARGV[1]) then
                redis.call('DEL', key)
                forgotten = forgotten + 1
              end
              redis.call('ZREM', KEYS[1], user)
            end
            return {#users, forgotten}
            """);

    private final RedisClients clients;
    private final StageKeys keys;

    RedisPresenceStore(RedisClients clients) {
        this.clients = clients;
        this.keys = new StageKeys(clients);
    }

    @Override
    public CompletionStage<Optional<PresenceChange>> update(String stage, String userId, PresenceStatus status,
                                                            long at, long sequence) {
        String[] k = {keys.key(stage, "presence", userId), keys.key(stage, "online"), keys.key(stage, "offline")};
        return UPDATE.<List<Object>>run(clients.text(), ScriptOutputType.MULTI, k, userId, status.name(),
                Long.toString(at), Long.toString(sequence))
                .thenApply(reply -> reply.isEmpty() ? Optional.empty() : Optional.of(new PresenceChange(
                        new UserPresence(userId, status, at), (Long) reply.get(0), (Long) reply.get(1))));
    }

    @Override
    public CompletionStage<Void> published(String stage, String userId, long version) {
        return PUBLISHED.<Long>run(clients.text(), ScriptOutputType.INTEGER,
                new String[] {keys.key(stage, "presence", userId)}, Long.toString(version)).thenApply(x -> null);
    }

    @Override
    public CompletionStage<Long> lastPublished(String stage, String userId) {
        return clients.text().hget(keys.key(stage, "presence", userId), "pub")
                .thenApply(pub -> pub == null ? 0L : Long.parseLong(pub));
    }

    @Override
    public CompletionStage<Optional<UserPresence>> get(String stage, String userId) {
        return clients.text().hmget(keys.key(stage, "presence", userId), "status", "since").thenApply(values -> {
            if (values.size() < 2 || !values.get(0).hasValue() || !values.get(1).hasValue()) {
                return Optional.empty();
            }
            return Optional.of(new UserPresence(userId, PresenceStatus.valueOf(values.get(0).getValue()),
                    Long.parseLong(values.get(1).getValue())));
        });
    }

    @Override
    public CompletionStage<Set<String>> online(String stage) {
        return clients.text().smembers(keys.key(stage, "online")).thenApply(Set::copyOf);
    }

    @Override
    public CompletionStage<Void> forgetIfOffline(String stage, String userId) {
        return FORGET_IF_OFFLINE.<Long>run(clients.text(), ScriptOutputType.INTEGER,
                new String[] {keys.key(stage, "presence", userId), keys.key(stage, "offline")}, userId)
                .thenApply(x -> null);
    }

    /** Looks at the stage's OFFLINE users a batch at a time, oldest first, until none is left before the time. */
    @Override
    public CompletionStage<Integer> forgetOffline(String stage, long before) {
        return FORGET_OFFLINE.<List<Object>>run(clients.text(), ScriptOutputType.MULTI,
                new String[] {keys.key(stage, "offline")}, Long.toString(before), Integer.toString(FORGET_BATCH),
                keys.keyPrefix(stage, "presence")).thenCompose(reply -> {
                    long seen = (Long) reply.get(0);
                    int forgotten = ((Long) reply.get(1)).intValue();
                    return seen < FORGET_BATCH ? CompletableFuture.completedFuture(forgotten)
                            : forgetOffline(stage, before).thenApply(more -> more + forgotten);
                });
    }
}
