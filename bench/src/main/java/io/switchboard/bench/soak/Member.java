package io.switchboard.bench.soak;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.scenario.Payloads;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One room member: connects, joins its room, and sends one message per period on a fixed schedule (stamped with the
 * scheduled time, so a late server or client cannot hide its backlog); checks the sequence numbers of what each
 * other member of its room sent. A churning member leaves after its lifetime (mostly with a close handshake, a fifth
 * of the time by dropping TCP) and comes back. Any other close is unexpected: counted, and the member reconnects
 * with backoff. Everything a member does runs on its event loop, so it needs no locks.
 */
final class Member implements FrameListener {
    private enum State { IDLE, CONNECTING, JOINING, READY, LEAVING, STOPPED }

    final int index;
    final Room room;
    private final SoakRun run;
    private final EventLoop loop;
    private final long periodNanos;
    private final int payloadBytes;
    /** Per member of the room: the last sequence number received from it; −1 until the first after a (re)join. */
    private final long[] lastSeen;

    private State state = State.IDLE;
    private ClientConnection conn;
    private volatile String connectionId;
    /** Messages sent: the sequence number of the last one. Read by the others' tail check. */
    private volatile long sent;
    private int failures;
    private boolean everReady;
    private long connectStarted;
    private long nextSend;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> sendTimer;

    Member(int index, Room room, SoakRun run, EventLoop loop) {
        this.index = index;
        this.room = room;
        this.run = run;
        this.loop = loop;
        SoakSettings s = run.settings();
        if (room.busy()) {
            periodNanos = (long) (1e9 / s.busyRate());
            payloadBytes = s.busyPayloadBytes();
        } else {
            long min = s.sendIntervalMin().toNanos();
            long max = s.sendIntervalMax().toNanos();
            periodNanos = min + (max > min ? ThreadLocalRandom.current().nextLong(max - min + 1) : 0);
            payloadBytes = s.payloadBytes();
        }
        lastSeen = new long[room.size()];
        Arrays.fill(lastSeen, -1);
    }

    /** A healthy member (not churning) that is in its room now: a target for management posts. */
    String readyConnectionId() {
        return room.churn() ? null : connectionId;
    }

    boolean healthy() {
        return !room.churn();
    }

    long sent() {
        return sent;
    }

    // ---- connecting and joining ----

    /** Opens the connection; {@code done} runs (on the loop) once it is in its room or the first attempt failed. */
    void start(Runnable done) {
        loop.execute(() -> connect(done));
    }

    private void connect(Runnable done) {
        if (run.stopping()) {
            state = State.STOPPED;
            runOnce(done);
            return;
        }
        state = State.CONNECTING;
        connectStarted = System.nanoTime();
        run.client().connect(run.uri(), index, this, loop, run.settings().handshakeTimeout().toMillis())
                .whenComplete((c, e) -> onLoop(() -> connected(c, e, done)));
    }

    private void connected(ClientConnection c, Throwable e, Runnable done) {
        if (e != null) {
            run.counters().error(prefix() + Kinds.handshake(e));
            runOnce(done);
            retryLater();
            return;
        }
        if (run.stopping()) {
            c.channel().close();
            state = State.STOPPED;
            runOnce(done);
            return;
        }
        long took = System.nanoTime() - connectStarted;
        (everReady ? (room.churn() ? run.churnHandshake : run.reconnectHandshake) : run.initialHandshake).record(took);
        run.opened();
        conn = c;
        selfClosed = false;
        state = State.JOINING;
        c.send(run.client().protocol().joinRoom(room.name()));
        cancel(timer);
        timer = loop.schedule(() -> {
            if (conn == c && state == State.JOINING) {
                run.counters().error("join_timeout");
                selfClosed = true; // counted: the close that follows is not counted again
                c.channel().close();
            }
        }, run.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        pendingDone = done;
    }

    private Runnable pendingDone;
    private boolean selfClosed;

    private void joined(ByteBuf payload) {
        cancel(timer);
        connectionId = Kinds.connectionId(payload);
        state = State.READY;
        failures = 0;
        run.join.record(System.nanoTime() - connectStarted);
        // Members in their room before the load starts have seen nothing from anyone: 0 is exact. After a rejoin,
        // what was sent while away never comes: the first message from each member sets where it stands.
        Arrays.fill(lastSeen, run.loadStarted() ? -1 : 0);
        if (room.churn() && everReady) {
            run.counters().expected("churn_reconnect");
        }
        everReady = true;
        Runnable done = pendingDone;
        pendingDone = null;
        runOnce(done);
        if (room.churn() && run.loadStarted()) {
            scheduleLeave();
        }
    }

    // ---- the load ----

    EventLoop loop() {
        return loop;
    }

    /**
     * Starts sending, the first message at a random point of the first period after {@code loadStart} (nanoTime),
     * and, for a churning member, its first lifetime.
     */
    void startLoad(long loadStart) {
        long firstAt = loadStart + ThreadLocalRandom.current().nextLong(periodNanos);
        loop.execute(() -> {
            nextSend = firstAt;
            sendTimer = loop.schedule(this::sendTick, Math.max(0, firstAt - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (room.churn() && state == State.READY) {
                scheduleLeave();
            }
        });
    }

    private void sendTick() {
        if (run.stopping()) {
            return;
        }
        long now = System.nanoTime();
        int sentNow = 0;
        while (nextSend <= now && sentNow < 100) {
            run.lag(now - nextSend);
            if (state == State.READY && conn.isOpen()) {
                if (conn.channel().isWritable()) {
                    long seq = sent + 1;
                    String text = Payloads.make('m', index, seq, nextSend, payloadBytes);
                    conn.send(run.client().protocol().sendToRoom(room.name(), text));
                    sent = seq;
                    run.sends.increment();
                } else { // the gateway stopped reading from a healthy client: do not queue without bound here
                    run.counters().error("client_send_backpressure");
                }
            } else {
                run.counters().info("send_skipped_while_away");
            }
            nextSend += periodNanos;
            sentNow++;
        }
        if (nextSend <= now) { // more than 100 periods behind: skip ahead rather than burst
            long behind = (now - nextSend) / periodNanos + 1;
            run.counters().info("send_skipped_client_behind", behind);
            nextSend += behind * periodNanos;
        }
        sendTimer = loop.schedule(this::sendTick, Math.max(0, nextSend - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void onPayload(ClientConnection c, ByteBuf payload) {
        if (c != conn) {
            return;
        }
        if (Payloads.is(payload, 'm')) {
            delivered(payload);
        } else if (Payloads.is(payload, 'p')) {
            run.poster().received(index, payload);
        } else if (state == State.JOINING && Payloads.mentions(payload, "\"joined\"")) {
            joined(payload);
        } else {
            String error = Kinds.errorFrame(payload);
            if (error != null) {
                run.counters().error(error);
            }
        }
    }

    private void delivered(ByteBuf payload) {
        long now = System.nanoTime();
        long sender = Payloads.field(payload, 0);
        long seq = Payloads.field(payload, 1);
        long latency = now - Payloads.field(payload, 2);
        run.roomDeliveries.increment();
        if (room.churn()) {
            run.churnLatency.record(latency);
            return;
        }
        run.roomLatency.record(latency);
        int slot = (int) (sender - room.first());
        if (slot < 0 || slot >= lastSeen.length) {
            run.counters().error("room_message_from_another_room");
            return;
        }
        long last = lastSeen[slot];
        if (last < 0 || seq == last + 1) {
            lastSeen[slot] = seq;
        } else if (seq > last + 1) {
            run.counters().error("room_missing", seq - last - 1);
            lastSeen[slot] = seq;
        } else {
            run.counters().error("room_duplicate_or_reordered");
        }
    }

    /**
     * After the load stopped and deliveries settled: messages the others sent that never arrived, counted from the
     * last one that did (members that came back after a close and heard nothing since from someone are skipped).
     * Event loop only.
     */
    long missingAtEnd(Member[] all) {
        if (room.churn() || state != State.READY) {
            return 0;
        }
        long missing = 0;
        for (int slot = 0; slot < lastSeen.length; slot++) {
            int sender = room.first() + slot;
            if (sender != index && lastSeen[slot] >= 0) {
                missing += Math.max(0, all[sender].sent() - lastSeen[slot]);
            }
        }
        return missing;
    }

    // ---- churn ----

    private void scheduleLeave() {
        SoakSettings s = run.settings();
        long min = s.churnLifetimeMin().toMillis();
        long max = s.churnLifetimeMax().toMillis();
        long life = min + (max > min ? ThreadLocalRandom.current().nextLong(max - min + 1) : 0);
        cancel(timer);
        ClientConnection c = conn;
        timer = loop.schedule(() -> leave(c), life, TimeUnit.MILLISECONDS);
    }

    private void leave(ClientConnection c) {
        if (c != conn || state != State.READY || run.stopping()) {
            return;
        }
        state = State.LEAVING;
        connectionId = null;
        if (ThreadLocalRandom.current().nextInt(5) == 0) {
            run.counters().info("churn_dropped_tcp");
            c.channel().close();
            return;
        }
        c.close(); // close frame 1000; the gateway answers and ends TCP
        timer = loop.schedule(() -> {
            if (conn == c) {
                run.counters().error("close_handshake_timeout");
                c.channel().close();
            }
        }, run.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(ClientConnection c) {
        onLoop(() -> closed(c));
    }

    private void closed(ClientConnection c) {
        if (c != conn) {
            return;
        }
        cancel(timer);
        conn = null;
        connectionId = null;
        run.closed();
        State was = state;
        state = State.IDLE;
        if (run.stopping()) {
            state = State.STOPPED;
            return;
        }
        if (was == State.LEAVING) {
            long pause = ThreadLocalRandom.current().nextLong(1000);
            loop.schedule(() -> connect(null), pause, TimeUnit.MILLISECONDS);
            return;
        }
        if (!selfClosed) {
            run.counters().error(Kinds.close(c, prefix()));
        }
        Runnable done = pendingDone;
        pendingDone = null;
        runOnce(done);
        retryLater();
    }

    /** Reconnects after a backoff: 0.5 s, 1 s, 2 s … 30 s, each ±50 %. */
    private void retryLater() {
        failures++;
        long base = Math.min(30_000, 500L << Math.min(6, failures - 1));
        long delay = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
        state = State.IDLE;
        loop.schedule(() -> connect(null), delay, TimeUnit.MILLISECONDS);
    }

    /** Stops: no more sends or leaves; connections are closed with the client. */
    void stop() {
        loop.execute(() -> {
            cancel(sendTimer);
            cancel(timer);
        });
    }

    /** Error kinds of busy rooms' and churning members start with {@code busy_} and {@code churn_}. */
    private String prefix() {
        return room.churn() ? "churn_" : room.busy() ? "busy_" : "";
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    private static void runOnce(Runnable done) {
        if (done != null) {
            done.run();
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
