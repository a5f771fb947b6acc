package io.switchboard.redis;

/**
 * The queue store's Lua scripts, each one atomic step on one queue (and, for a redrive, its dead-letter queue). Keys
 * are {@link QueueLayout#keys()} (or {@link QueueLayout#keysWith}); every script's arguments start with
 * {@code now} (the gateway clock, epoch ms), the dead-letter queue the caller expects, the queue's name, its wake
 * channel and the dead-letter queue's wake channel. Every reply is a list whose first element is {@code OK},
 * {@code NOT_FOUND}, {@code FULL} (with the limit) or {@code DLQ} (with the dead-letter queue the settings name, when
 * it is not the expected one: the caller retries with its keys). Numbers are returned as text.
 *
 * <p>Work per call is bounded: retention and expired visibility timeouts are handled at most 100 messages per
 * receive or send and 1000 per stats or sweep, so no script blocks Redis for long.
 */
final class QueueScripts {
    private QueueScripts() {
    }

    private static final String PRELUDE = """
            local now = tonumber(ARGV[1])
            local function num(x) return string.format('%.0f', x) end
            local function conf(redrive)
              local c = redis.call('HMGET', KEYS[1], 'ret', 'maxrc', 'dlq', 'max', 'delay')
              if not c[1] then return nil, {'NOT_FOUND'} end
              local dlq = c[3] or ''
              if redrive and dlq ~= ARGV[2] then return nil, {'DLQ', dlq} end
              return {ret = tonumber(c[1]), maxrc = tonumber(c[2]), dlq = dlq, max = tonumber(c[4]),
                      delay = tonumber(c[5])}, nil
            end
            local function parse(s)
              local n, f, r, src = string.match(s or '0:0::', '^(%d+):(%d+):([^:]*):(.*)$')
              return tonumber(n), tonumber(f), r, src
            end
            local function put(key, id, n, f, r, src)
              redis.call('HSET', key, id, num(n) .. ':' .. num(f) .. ':' .. r .. ':' .. src)
            end
            local function forget(id)
              local n, f, r = parse(redis.call('HGET', KEYS[3], id))
              if r ~= '' then redis.call('HDEL', KEYS[7], r) end
              redis.call('HDEL', KEYS[2], id)
              redis.call('HDEL', KEYS[3], id)
              redis.call('ZREM', KEYS[4], id)
              redis.call('ZREM', KEYS[5], id)
              redis.call('ZREM', KEYS[6], id)
            end
            local function expired(c, id)
              local sent = redis.call('ZSCORE', KEYS[4], id)
              return (not sent) or tonumber(sent) <= now - c.ret
            end
            local function drop(c, limit)
              local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', num(now - c.ret), 'LIMIT', 0, limit)
              for _, id in ipairs(old) do forget(id) end
              return #old
            end
            local function promote(c, limit)
              local due = redis.call('ZRANGEBYSCORE', KEYS[6], '-inf', num(now), 'WITHSCORES', 'LIMIT', 0, limit)
              local moved = 0
              for i = 1, #due, 2 do
                local id, at = due[i], due[i + 1]
                if expired(c, id) then
                  forget(id)
                else
                  local n, f, r, src = parse(redis.call('HGET', KEYS[3], id))
                  if r ~= '' then redis.call('HDEL', KEYS[7], r) end
                  redis.call('ZREM', KEYS[6], id)
                  if c.maxrc > 0 and n >= c.maxrc and c.dlq ~= '' and #KEYS >= 12
                      and redis.call('EXISTS', KEYS[8]) == 1 then
                    local body = redis.call('HGET', KEYS[2], id) or ''
                    local sent = redis.call('ZSCORE', KEYS[4], id)
                    redis.call('HDEL', KEYS[2], id)
                    redis.call('HDEL', KEYS[3], id)
                    redis.call('ZREM', KEYS[4], id)
                    redis.call('HSET', KEYS[9], id, body)
                    put(KEYS[10], id, 0, 0, '', ARGV[3])
                    redis.call('ZADD', KEYS[11], sent, id)
                    redis.call('ZADD', KEYS[12], num(now), id)
                    moved = moved + 1
                  else
                    put(KEYS[3], id, n, f, '', src)
                    redis.call('ZADD', KEYS[5], at, id)
                  end
                end
              end
              if moved > 0 then redis.call('PUBLISH', ARGV[5], 'dead-letters') end
              return #due / 2
            end
            local function nextAt()
              local a = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
              local b = redis.call('ZRANGE', KEYS[6], 0, 0, 'WITHSCORES')
              local t = nil
              if a[2] then t = tonumber(a[2]) end
              if b[2] and (t == nil or tonumber(b[2]) < t) then t = tonumber(b[2]) end
              if t == nil then return '-1' end
              return num(t)
            end
            """;

    /** ARGV 6: id suffix, 7: payload, 8: delay ms or '' for the queue's. → OK id | FULL max. */
    static final Script SEND = Script.of(PRELUDE + """
            local c, bad = conf(false)
            if bad then return bad end
            drop(c, 100)
            if redis.call('ZCARD', KEYS[4]) >= c.max then return {'FULL', num(c.max)} end
            local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
            local id = string.format('%012x', seq) .. '-' .. ARGV[6]
            local delay = c.delay
            if ARGV[8] ~= '' then delay = tonumber(ARGV[8]) end
            redis.call('HSET', KEYS[2], id, ARGV[7])
            put(KEYS[3], id, 0, 0, '', '')
            redis.call('ZADD', KEYS[4], num(now), id)
            redis.call('ZADD', KEYS[5], num(now + delay), id)
            redis.call('PUBLISH', ARGV[4], 'sent')
            return {'OK', id}
            """);

    /**
     * ARGV 6: max, 7: visibility ms, 8: receipt nonce. → OK nextVisibleAt (-1 none; only when nothing was taken)
     * then per message: id receipt payload receiveCount firstReceive deadLetterSource.
     */
    static final Script RECEIVE = Script.of(PRELUDE + """
            local c, bad = conf(true)
            if bad then return bad end
            drop(c, 100)
            promote(c, 100)
            local vis = tonumber(ARGV[7])
            local out = {'OK', '-1'}
            local ids = redis.call('ZRANGEBYSCORE', KEYS[5], '-inf', num(now), 'LIMIT', 0, tonumber(ARGV[6]))
            local taken = 0
            for _, id in ipairs(ids) do
              if expired(c, id) then
                forget(id)
              else
                local n, f, r, src = parse(redis.call('HGET', KEYS[3], id))
                n = n + 1
                if n == 1 then f = now end
                taken = taken + 1
                local receipt = ARGV[8] .. '.' .. taken
                redis.call('ZREM', KEYS[5], id)
                redis.call('ZADD', KEYS[6], num(now + vis), id)
                put(KEYS[3], id, n, f, receipt, src)
                redis.call('HSET', KEYS[7], receipt, id)
                out[#out + 1] = id
                out[#out + 1] = receipt
                out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
                out[#out + 1] = num(n)
                out[#out + 1] = num(f)
                out[#out + 1] = src
              end
            end
            if taken == 0 then out[2] = nextAt() end
            return out
            """);

    private static final String HELD = """
            local c, bad = conf(false)
            if bad then return bad end
            local id = redis.call('HGET', KEYS[7], ARGV[6])
            if not id then return {'OK', '0'} end
            local at = redis.call('ZSCORE', KEYS[6], id)
            if (not at) or tonumber(at) <= now then return {'OK', '0'} end
            if expired(c, id) then
              forget(id)
              return {'OK', '0'}
            end
            """;

    /** ARGV 6: receipt. → OK 1|0. */
    static final Script DELETE = Script.of(PRELUDE + HELD + """
            forget(id)
            return {'OK', '1'}
            """);

    /** ARGV 6: receipt, 7: timeout ms. → OK 1|0. */
    static final Script CHANGE_VISIBILITY = Script.of(PRELUDE + HELD + """
            local timeout = tonumber(ARGV[7])
            redis.call('ZADD', KEYS[6], num(now + timeout), id)
            if timeout <= 0 then redis.call('PUBLISH', ARGV[4], 'visible') end
            return {'OK', '1'}
            """);

    /** ARGV 6..: id, receipt pairs taken by a receive nobody got; undone as if never received. → OK released. */
    static final Script RELEASE = Script.of(PRELUDE + """
            local c, bad = conf(false)
            if bad then return bad end
            local released = 0
            for i = 6, #ARGV - 1, 2 do
              local id, receipt = ARGV[i], ARGV[i + 1]
              if redis.call('HGET', KEYS[7], receipt) == id then
                local n, f, r, src = parse(redis.call('HGET', KEYS[3], id))
                n = math.max(0, n - 1)
                if n == 0 then f = 0 end
                redis.call('HDEL', KEYS[7], receipt)
                redis.call('ZREM', KEYS[6], id)
                put(KEYS[3], id, n, f, '', src)
                redis.call('ZADD', KEYS[5], '0', id)
                released = released + 1
              end
            end
            if released > 0 then redis.call('PUBLISH', ARGV[4], 'released') end
            return {'OK', num(released)}
            """);

    /** Retention and redrive for up to 1000 messages each, then the counts. → OK visible inFlight delayed worked. */
    static final Script STATS = Script.of(PRELUDE + """
            local c, bad = conf(true)
            if bad then return bad end
            local worked = drop(c, 1000) + promote(c, 1000)
            local t = num(now)
            local visible = redis.call('ZCOUNT', KEYS[5], '-inf', t) + redis.call('ZCOUNT', KEYS[6], '-inf', t)
            local inflight = redis.call('ZCOUNT', KEYS[6], '(' .. t, '+inf')
            local delayed = redis.call('ZCOUNT', KEYS[5], '(' .. t, '+inf')
            return {'OK', num(visible), num(inflight), num(delayed), num(worked)}
            """);
}
