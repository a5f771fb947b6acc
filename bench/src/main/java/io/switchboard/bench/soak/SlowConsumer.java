package io.switchboard.bench.soak;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.scenario.Payloads;
import io.switchboard.bench.servers.BenchApi;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A client that joins a busy room and stops reading its socket (auto-read off), over and over. While it does not
 * read, it asks {@code GET @connections/{id}} once a second: the gateway's 410 says it gave the client up (its
 * outbound queue passed {@code limits.outbound-bytes}; the time from the stall is {@code slow_time_to_gone}). Then,
 * alternately:
 * <ul>
 *   <li><b>read</b> cycles read again at once and expect the close frame 1008 behind the backlog
 *       ({@code slow_closed_1008});</li>
 *   <li><b>wait</b> cycles keep not reading and write a pong each second, which a socket the gateway has closed
 *       answers with a reset: the gateway ending the connection on its own, without the client's help, is
 *       {@code slow_dropped_by_gateway} (time from the stall: {@code slow_time_to_drop}). Still open after
 *       {@code slowCloseWait}: {@code slow_close_unbounded}, an error, and the client reads to see the close frame.</li>
 * </ul>
 * No 410 within {@code slowDeadline} is {@code slow_not_closed}, an error; the client then drops the connection.
 * After each cycle it reconnects. Runs on its event loop.
 */
final class SlowConsumer implements FrameListener {
    private enum State { IDLE, CONNECTING, JOINING, STALLED, WAITING, DRAINING, STOPPED }

    private final int index;
    private final String room;
    private final SoakRun run;
    private final EventLoop loop;
    private State state = State.IDLE;
    private ClientConnection conn;
    private String connectionId;
    private long stallStarted;
    private long goneAt;
    private int cycles;
    private int failures;
    private boolean selfClosed;
    private ScheduledFuture<?> timer;
    private ScheduledFuture<?> deadline;

    SlowConsumer(int index, String room, SoakRun run, EventLoop loop) {
        this.index = index;
        this.room = room;
        this.run = run;
        this.loop = loop;
    }

    void start(long delayMillis) {
        loop.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        loop.execute(() -> {
            state = State.STOPPED;
            cancelTimers();
        });
    }

    private void connect() {
        if (run.stopping()) {
            state = State.STOPPED;
            return;
        }
        state = State.CONNECTING;
        run.client().connect(run.uri(), index, this, loop, run.settings().handshakeTimeout().toMillis())
                .whenComplete((c, e) -> onLoop(() -> connected(c, e)));
    }

    private void connected(ClientConnection c, Throwable e) {
        if (e != null) {
            run.counters().error("slow_" + Kinds.handshake(e));
            again(true);
            return;
        }
        if (run.stopping()) {
            c.channel().close();
            state = State.STOPPED;
            return;
        }
        run.opened();
        conn = c;
        selfClosed = false;
        state = State.JOINING;
        c.send(run.client().protocol().joinRoom(room));
        timer = loop.schedule(() -> {
            if (conn == c && state == State.JOINING) {
                run.counters().error("slow_join_timeout");
                selfClosed = true;
                c.channel().close();
            }
        }, run.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onPayload(ClientConnection c, ByteBuf payload) {
        if (c != conn) {
            return;
        }
        if (state == State.JOINING && Payloads.mentions(payload, "\"joined\"")) {
            cancelTimers();
            connectionId = Kinds.connectionId(payload);
            if (connectionId == null) {
                run.counters().error("slow_joined_without_connection_id");
                selfClosed = true;
                c.channel().close();
                return;
            }
            failures = 0;
            stall();
        } else if (state == State.DRAINING) {
            run.slowDrainedBytes.add(payload.readableBytes());
        }
    }

    private void stall() {
        state = State.STALLED;
        stallStarted = System.nanoTime();
        conn.channel().config().setAutoRead(false);
        run.counters().expected("slow_stalls");
        timer = loop.scheduleAtFixedRate(this::poll, 1, 1, TimeUnit.SECONDS);
    }

    /** Asks whether the gateway still has the connection; gives up at the deadline. */
    private void poll() {
        ClientConnection c = conn;
        if (state != State.STALLED || c == null) {
            return;
        }
        if (System.nanoTime() - stallStarted > run.settings().slowDeadline().toNanos()) {
            run.counters().error("slow_not_closed");
            cancelTimers();
            selfClosed = true;
            c.channel().close();
            return;
        }
        String path = "/" + BenchApi.STAGE + "/@connections/" + connectionId.replace("=", "%3D");
        run.http().send(HttpMethod.GET, path, new byte[0]).whenComplete((status, e) -> onLoop(() -> {
            if (conn != c || state != State.STALLED) {
                return;
            }
            if (e != null) {
                run.counters().error(Kinds.http("slow_poll", e));
            } else if (status == 410) {
                gone(c);
            } else if (status != 200) {
                run.counters().error("slow_poll_http_" + status);
            }
        }));
    }

    private void gone(ClientConnection c) {
        cancelTimers();
        goneAt = System.nanoTime();
        run.slowTimeToGone.record(goneAt - stallStarted);
        run.counters().expected("slow_gone");
        if (cycles++ % 2 == 0) {
            drain(c);
            return;
        }
        state = State.WAITING;
        timer = loop.scheduleAtFixedRate(() -> {
            if (conn == c && c.isOpen()) {
                c.channel().writeAndFlush(new PongWebSocketFrame()); // a closed socket answers with a reset
            }
        }, 0, 1, TimeUnit.SECONDS);
        deadline = loop.schedule(() -> {
            if (conn == c && state == State.WAITING) {
                run.counters().error("slow_close_unbounded");
                cancelTimers();
                drain(c);
            }
        }, run.settings().slowCloseWait().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void drain(ClientConnection c) {
        state = State.DRAINING;
        c.channel().config().setAutoRead(true);
        c.channel().read();
        deadline = loop.schedule(() -> {
            if (conn == c && state == State.DRAINING) {
                run.counters().error("slow_drain_timeout");
                selfClosed = true;
                c.channel().close();
            }
        }, run.settings().requestTimeout().toMillis() * 3, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClose(ClientConnection c) {
        onLoop(() -> closed(c));
    }

    private void closed(ClientConnection c) {
        if (c != conn) {
            return;
        }
        cancelTimers();
        conn = null;
        run.closed();
        State was = state;
        if (was == State.STOPPED || run.stopping()) {
            state = State.STOPPED;
            return;
        }
        if (!selfClosed) {
            switch (was) {
                case WAITING -> {
                    run.counters().expected("slow_dropped_by_gateway");
                    run.slowTimeToDrop.record(System.nanoTime() - stallStarted);
                }
                case DRAINING -> {
                    if (c.closeCode() == 1008) {
                        run.counters().expected("slow_closed_1008");
                    } else {
                        run.counters().error(Kinds.close(c, "slow_"));
                    }
                }
                default -> run.counters().error(Kinds.close(c, "slow_" + was.name().toLowerCase() + "_"));
            }
        }
        again(false);
    }

    /** The next cycle, after a pause (a backoff after failures). */
    private void again(boolean failed) {
        state = State.IDLE;
        long delay;
        if (failed) {
            failures++;
            delay = (long) (Math.min(30_000, 500L << Math.min(6, failures - 1))
                    * (0.5 + ThreadLocalRandom.current().nextDouble()));
        } else {
            delay = 1000 + ThreadLocalRandom.current().nextLong(1000);
        }
        loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void cancelTimers() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }
}
