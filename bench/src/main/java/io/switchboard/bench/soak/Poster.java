package io.switchboard.bench.soak;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.scenario.Payloads;
import io.switchboard.bench.servers.BenchApi;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend pushing to random healthy members with {@code POST /{stage}/@connections/{id}} at a fixed rate: each
 * post leaves at its scheduled time whatever the answers do, and both its answer and its arrival are timed from that
 * time. A post answered 200 that has not arrived within the deadline is {@code post_missing}; if it arrives later
 * after all, it becomes {@code post_late}. The posts awaiting their answer or arrival are at most rate × deadline,
 * and the missing ones remembered for a late arrival at most {@value #EXPIRED_KEPT}.
 */
final class Poster {
    private static final int ANSWERED = 1;
    private static final int ARRIVED = 2;
    static final int EXPIRED_KEPT = 100_000;

    private final SoakRun run;
    private final EventLoop loop;
    private final HttpPool http;
    private final long periodNanos;
    private final long timeoutNanos;
    private final Map<Long, Post> outstanding = new ConcurrentHashMap<>();
    /** Posts counted missing, oldest first, so that a late arrival is told from one that never came. */
    private final Map<Long, Boolean> expired = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > EXPIRED_KEPT;
                }
            });
    private long sequence;
    private long next;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> sweeper;

    private static final class Post {
        final long seq;
        final long scheduled;
        final AtomicInteger state = new AtomicInteger();

        Post(long seq, long scheduled) {
            this.seq = seq;
            this.scheduled = scheduled;
        }
    }

    Poster(SoakRun run, EventLoop loop, HttpPool http, double perSecond, long timeoutMillis) {
        this.run = run;
        this.loop = loop;
        this.http = http;
        this.periodNanos = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    void start() {
        if (periodNanos == 0) {
            return;
        }
        loop.execute(() -> {
            next = System.nanoTime();
            long tick = Math.max(1_000_000, Math.min(periodNanos, 10_000_000));
            timer = loop.scheduleAtFixedRate(this::tick, 0, tick, TimeUnit.NANOSECONDS);
            sweeper = loop.scheduleAtFixedRate(this::sweep, 1, 1, TimeUnit.SECONDS);
        });
    }

    void stop() {
        loop.execute(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
        });
    }

    /** Posts that have neither failed nor completed (answer and arrival). */
    int outstanding() {
        return outstanding.size();
    }

    private void tick() {
        long now = System.nanoTime();
        int n = 0;
        while (next <= now && n++ < 1000) {
            post(next);
            next += periodNanos;
        }
        if (next <= now) {
            long behind = (now - next) / periodNanos + 1;
            run.counters().info("post_skipped_client_behind", behind);
            next += behind * periodNanos;
        }
    }

    private void post(long scheduled) {
        Member target = run.randomPostTarget();
        String id = target == null ? null : target.readyConnectionId();
        if (id == null) {
            run.counters().info("post_no_ready_target");
            return;
        }
        long seq = ++sequence;
        byte[] body = Payloads.make('p', target.index, seq, scheduled, run.settings().payloadBytes())
                .getBytes(StandardCharsets.UTF_8);
        Post post = new Post(seq, scheduled);
        outstanding.put(seq, post);
        run.postsSent.increment();
        String path = "/" + BenchApi.STAGE + "/@connections/" + id.replace("=", "%3D");
        http.send(HttpMethod.POST, path, body).whenComplete((status, e) -> {
            if (e != null) {
                outstanding.remove(seq);
                run.counters().error(Kinds.http("post", e));
            } else if (status / 100 != 2) {
                outstanding.remove(seq);
                run.counters().error("post_http_" + status);
            } else {
                run.postAnswer.record(System.nanoTime() - scheduled);
                if (post.state.accumulateAndGet(ANSWERED, (a, b) -> a | b) == (ANSWERED | ARRIVED)) {
                    outstanding.remove(seq);
                }
            }
        });
    }

    /** A post reached member {@code index}. Any thread. */
    void received(int index, ByteBuf payload) {
        long now = System.nanoTime();
        long target = Payloads.field(payload, 0);
        long seq = Payloads.field(payload, 1);
        run.postLatency.record(now - Payloads.field(payload, 2));
        run.postDeliveries.increment();
        if (target != index) {
            run.counters().error("post_delivered_to_another_connection");
        }
        Post post = outstanding.get(seq);
        if (post == null) {
            if (expired.remove(seq) != null) { // counted missing at the deadline: late, not lost
                run.counters().error("post_missing", -1);
                run.counters().error("post_late");
            } else { // its answer failed or timed out (counted), or it came twice
                run.counters().info("post_arrived_untracked");
            }
            return;
        }
        if (post.state.accumulateAndGet(ARRIVED, (a, b) -> a | b) == (ANSWERED | ARRIVED)) {
            outstanding.remove(seq);
        }
    }

    /** Posts answered 200 whose message has not arrived within the deadline (twice it, for an unanswered one). */
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Post>> it = outstanding.entrySet().iterator(); it.hasNext(); ) {
            Post p = it.next().getValue();
            int state = p.state.get();
            if (state == ANSWERED && now - p.scheduled > timeoutNanos) {
                it.remove();
                run.counters().error("post_missing");
                expired.put(p.seq, Boolean.TRUE);
            } else if (now - p.scheduled > 2 * timeoutNanos) { // the pool fails a call at the deadline: a leak guard
                it.remove();
                run.counters().error("post_lost_track");
            }
        }
    }

    /** After the load: what is still outstanding counts as missing. */
    void finish() {
        long missing = outstanding.values().stream().filter(p -> p.state.get() == ANSWERED).count();
        if (missing > 0) {
            run.counters().error("post_missing", missing);
        }
        outstanding.clear();
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }
}
