package io.switchboard.bench.scenario;

import io.netty.channel.EventLoop;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.Latency;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Round trips of the mock route: {@code ping} answered by {@code pong}. With {@code rate} 0 every connection keeps one
 * ping outstanding (as fast as the server goes); otherwise pings leave on a fixed schedule whatever the replies do
 * (open loop, so a stalled server cannot slow the sender and hide its backlog), and latency counts from the send. The
 * schedule's own lateness (the client's timers have millisecond resolution) is not counted against the server.
 */
public final class EchoScenario implements Scenario {
    private final double rate;

    /** @param rate round trips per second over all connections; 0 means as fast as possible */
    public EchoScenario(double rate) {
        this.rate = rate;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String primaryMetric() {
        return "round_trips_per_s";
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD_REDIS, ServerKind.RAW_NETTY, ServerKind.NODE_WS);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        LongAdder replies = new LongAdder();
        Latency latency = new Latency();
        try (WsClient client = new WsClient(s.clientThreads(), s.sources(), server.kind().protocol())) {
            String ping = client.protocol().ping();
            FrameListener listener = (c, payload) -> {
                ArrayDeque<Long> sent = c.state();
                Long t0 = sent.poll();
                if (t0 == null) {
                    return;
                }
                latency.record(System.nanoTime() - t0);
                replies.increment();
                if (rate == 0) {
                    sent.add(System.nanoTime());
                    c.send(ping);
                }
            };
            List<ClientConnection> connections = client.connectAll(server.webSocket(), 0, s.echoConnections(), 50,
                    listener);
            List<ScheduledFuture<?>> timers = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (ClientConnection c : connections) {
                c.channel().eventLoop().execute(() -> {
                    c.state(new ArrayDeque<Long>());
                    if (rate == 0) {
                        c.<ArrayDeque<Long>>state().add(System.nanoTime());
                        c.send(ping);
                    } else {
                        timers.add(schedule(c, ping, rate / connections.size()));
                    }
                });
            }
            Thread.sleep(s.warmup().toMillis());
            latency.reset();
            Map<String, Double> metrics = new HashMap<>(Window.open(server, replies)
                    .measure(s.measure(), primaryMetric()));
            metrics.putAll(Latency.summary(latency.snapshot(), ""));
            synchronized (timers) {
                timers.forEach(t -> t.cancel(false));
            }
            return new Result(rate == 0 ? "echo" : "echo@rate", server.kind().label(),
                    Map.of("connections", s.echoConnections(), "rate", rate), metrics);
        }
    }

    /** Sends pings at a fixed rate; the queue holds each ping's scheduled time. */
    private static ScheduledFuture<?> schedule(ClientConnection c, String ping, double perSecond) {
        long period = (long) (1e9 / perSecond);
        EventLoop loop = c.channel().eventLoop();
        long start = System.nanoTime() + (long) (Math.random() * period);
        long[] next = {start};
        return loop.scheduleAtFixedRate(() -> {
            ArrayDeque<Long> sent = c.state();
            long now = System.nanoTime();
            while (next[0] <= now) { // catch up on sends a late timer missed: the rate holds whatever the replies do
                sent.add(now);
                c.send(ping);
                next[0] += period;
            }
        }, Math.max(0, start - System.nanoTime()), period, TimeUnit.NANOSECONDS);
    }
}
