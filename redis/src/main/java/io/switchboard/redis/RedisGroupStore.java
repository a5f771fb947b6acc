package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.groups.GroupStore;
import io.switchboard.handler.Groups.JoinOutcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Group membership on Redis, shared by every node on the same key prefix. Per stage (in its hash tag) a set of
 * members per group ({@code group:<group>}) and, so that a disconnect costs the groups the connection was in, a set
 * of groups per connection ({@code member:<connection>}). Every change of both is one Lua script, so the two never
 * disagree and {@link #join} decides on capacity and tells the others in one atomic step. Any thread; a stage fails
 * with Lettuce's exception when Redis cannot be reached in the command timeout.
 */
final class RedisGroupStore implements GroupStore {
    /** KEYS group, member; ARGV connection, group. */
    private static final Script ADD = Script.of("""
            redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('SADD', KEYS[2], ARGV[2])
            return 1
            """);
    /** KEYS group, member; ARGV connection, group. */
    private static final Script REMOVE = Script.of("""
            redis.call('SREM', KEYS[1], ARGV[1])
            redis.call('SREM', KEYS[2], ARGV[2])
            return 1
            """);
    /** KEYS group, member; ARGV connection, group, capacity → {outcome, members before…}. */
    private static final Script JOIN = Script.of("""
            local members = redis.call('SMEMBERS', KEYS[1])
            local outcome
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
              outcome = 'ALREADY_MEMBER'
              redis.call('SADD', KEYS[2], ARGV[2])
            elseif #members >= tonumber(ARGV[3]) then
              return {'FULL', members}
            else
              outcome = 'JOINED'
              redis.call('SADD', KEYS[1], ARGV[1])
              redis.call('SADD', KEYS[2], ARGV[2])
            end
            return {outcome, members}
            """);
    /** KEYS member; ARGV connection, group-key prefix. */
    private static final Script REMOVE_EVERYWHERE = Script.of("""
            for _, group in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              redis.call('SREM', ARGV[2] .. group, ARGV[1])
            end
            redis.call('DEL', KEYS[1])
            return 1
            """);

    private final RedisClients clients;
    private final StageKeys keys;

    RedisGroupStore(RedisClients clients) {
        this.clients = clients;
        this.keys = new StageKeys(clients);
    }

    @Override
    public CompletionStage<Void> add(String stage, String group, String connectionId) {
        return ADD.<Long>run(clients.text(), ScriptOutputType.INTEGER, both(stage, group, connectionId),
                connectionId, group).thenApply(x -> null);
    }

    @Override
    public CompletionStage<Joined> join(String stage, String group, String connectionId, int capacity) {
        return JOIN.<List<Object>>run(clients.text(), ScriptOutputType.MULTI, both(stage, group, connectionId),
                connectionId, group, Integer.toString(capacity)).thenApply(reply -> {
                    Set<String> others = new HashSet<>();
                    for (Object member : (List<?>) reply.get(1)) {
                        others.add((String) member);
                    }
                    others.remove(connectionId);
                    return new Joined(JoinOutcome.valueOf((String) reply.get(0)), Set.copyOf(others));
                });
    }

    @Override
    public CompletionStage<Void> remove(String stage, String group, String connectionId) {
        return REMOVE.<Long>run(clients.text(), ScriptOutputType.INTEGER, both(stage, group, connectionId),
                connectionId, group).thenApply(x -> null);
    }

    @Override
    public CompletionStage<Set<String>> members(String stage, String group) {
        return clients.text().smembers(keys.key(stage, "group", group)).thenApply(Set::copyOf);
    }

    @Override
    public CompletionStage<Set<String>> groupsOf(String stage, String connectionId) {
        return clients.text().smembers(keys.key(stage, "member", connectionId)).thenApply(Set::copyOf);
    }

    @Override
    public CompletionStage<Void> removeEverywhere(String stage, String connectionId) {
        return REMOVE_EVERYWHERE.<Long>run(clients.text(), ScriptOutputType.INTEGER,
                new String[] {keys.key(stage, "member", connectionId)}, connectionId, keys.keyPrefix(stage, "group"))
                .thenApply(x -> null);
    }

    private String[] both(String stage, String group, String connectionId) {
        return new String[] {keys.key(stage, "group", group), keys.key(stage, "member", connectionId)};
    }
}
