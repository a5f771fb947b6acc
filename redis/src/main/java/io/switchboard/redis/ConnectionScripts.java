package io.switchboard.redis;

/**
 * The Lua of {@link RedisConnectionStore}. Per stage (every key in the stage's hash tag): a hash per connection
 * ({@code conn:<id>}: user, node, ip, ua as {@code -} or {@code +<agent>}, at, exp, seq), the user's connections
 * ({@code user:<user>}, a sorted set by connectedAt), the users with a connection ({@code users}), every connection
 * ({@code all}), those each node holds ({@code node:<node>}), their expiries ({@code expiry}, a sorted set by expiresAt) and the stage's change counter
 * ({@code seq}). A change script updates all of them and returns the user's count after the change with the next
 * value of the counter, in one atomic step. Numbers a script computes are written with {@code %d}: Redis would write
 * a Lua number with 14 significant digits. Keys a script derives (a user's set, from the user a record names) are
 * built from a prefix in ARGV and are in the same hash tag.
 */
final class ConnectionScripts {
    private ConnectionScripts() {
    }

    /**
     * KEYS conn, user, users, all, expiry, seq; ARGV id, user, node, ip, ua, at, exp, node-key prefix → {-1} or
     * {count, seq}.
     */
    static final String ADD = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {-1} end
            local seq = redis.call('INCR', KEYS[6])
            redis.call('HSET', KEYS[1], 'user', ARGV[2], 'node', ARGV[3], 'ip', ARGV[4], 'ua', ARGV[5],
                'at', ARGV[6], 'exp', ARGV[7], 'seq', string.format('%d', seq))
            redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
            redis.call('SADD', KEYS[3], ARGV[2])
            redis.call('SADD', KEYS[4], ARGV[1])
            redis.call('ZADD', KEYS[5], ARGV[7], ARGV[1])
            redis.call('SADD', ARGV[8] .. ARGV[3], ARGV[1])
            return {redis.call('ZCARD', KEYS[2]), seq}
            """;

    /** The removal of one entry, shared by REMOVE and PRUNE: returns {count, seq, user, node, ip, ua, at, exp}. */
    private static final String REMOVE_ONE = """
            local function removeOne(conn, id, users, all, expiry, seqKey, userPrefix, nodePrefix)
              local r = redis.call('HMGET', conn, 'user', 'node', 'ip', 'ua', 'at', 'exp')
              if not r[1] then
                redis.call('SREM', all, id)
                redis.call('ZREM', expiry, id)
                return nil
              end
              local userKey = userPrefix .. r[1]
              redis.call('DEL', conn)
              redis.call('ZREM', userKey, id)
              local n = redis.call('ZCARD', userKey)
              if n == 0 then redis.call('SREM', users, r[1]) end
              redis.call('SREM', all, id)
              redis.call('ZREM', expiry, id)
              redis.call('SREM', nodePrefix .. r[2], id)
              local seq = redis.call('INCR', seqKey)
              return {n, seq, r[1], r[2], r[3], r[4], r[5], r[6]}
            end
            """;

    /**
     * KEYS conn, users, all, expiry, seq; ARGV id, user-key prefix, node-key prefix → {} or {count, seq, user, …,
     * exp}.
     */
    static final String REMOVE = REMOVE_ONE + """
            return removeOne(KEYS[1], ARGV[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[2], ARGV[3]) or {}
            """;

    /**
     * KEYS users, all, expiry, seq; ARGV now, limit, conn-key prefix, user-key prefix, node-key prefix → a list of
     * {id, count, seq, user, node, ip, ua, at, exp}, at most {@code limit}, for the entries expired at {@code now}.
     */
    static final String PRUNE = REMOVE_ONE + """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
            local out = {}
            for _, id in ipairs(ids) do
              local removed = removeOne(ARGV[3] .. id, id, KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[4], ARGV[5])
              if removed then
                table.insert(removed, 1, id)
                out[#out + 1] = removed
              end
            end
            return {#ids, out}
            """;

    /** KEYS a set or sorted set of ids; ARGV conn-key prefix, 'z' for a sorted set → {id, user, …, exp, seq} each. */
    static final String RECORDS = """
            local ids
            if ARGV[2] == 'z' then ids = redis.call('ZRANGE', KEYS[1], 0, -1)
            else ids = redis.call('SMEMBERS', KEYS[1]) end
            local out = {}
            for _, id in ipairs(ids) do
              local r = redis.call('HMGET', ARGV[1] .. id, 'user', 'node', 'ip', 'ua', 'at', 'exp', 'seq')
              if r[1] then out[#out + 1] = {id, r[1], r[2], r[3], r[4], r[5], r[6], r[7]} end
            end
            return out
            """;

    /** KEYS conn of each id → the node of each, false where there is no entry. */
    static final Script NODES = Script.of("""
            local nodes = {}
            for i = 1, #KEYS do nodes[i] = redis.call('HGET', KEYS[i], 'node') end
            return nodes
            """);
}
