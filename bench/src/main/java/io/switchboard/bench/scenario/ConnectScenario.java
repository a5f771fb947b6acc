package io.switchboard.bench.scenario;

import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.Latency;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection churn through the {@code $connect} path: a fixed number of handshakes in flight; each connection closes
 * as soon as it is open and another one starts. Connections rotate over the loopback source addresses so that
 * ports in TIME_WAIT never run out. Measures connections per second and the handshake time.
 */
public final class ConnectScenario implements Scenario {

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String primaryMetric() {
        return "connects_per_s";
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD_REDIS, ServerKind.RAW_NETTY, ServerKind.NODE_WS, ServerKind.SOCKET_IO);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        LongAdder opened = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicInteger index = new AtomicInteger();
        Latency handshake = new Latency();
        running.set(true);
        try (WsClient client = new WsClient(s.clientThreads(), s.sources(), server.kind().protocol())) {
            FrameListener ignore = (c, payload) -> { };
            for (int i = 0; i < s.connectConcurrency(); i++) {
                churn(client, server, index, opened, failed, handshake, ignore);
            }
            Thread.sleep(s.warmup().toMillis());
            handshake.reset();
            Map<String, Double> metrics = new HashMap<>(Window.open(server, opened)
                    .measure(s.measure(), primaryMetric()));
            metrics.put("server_cpu_us_per_connect", metrics.remove("server_cpu_us_per_op"));
            metrics.putAll(Latency.summary(handshake.snapshot(), "handshake_"));
            metrics.put("failed", failed.doubleValue());
            running.set(false);
            return new Result("connect", server.kind().label(), Map.of("in_flight", s.connectConcurrency()),
                    metrics);
        }
    }

    private final AtomicBoolean running = new AtomicBoolean();

    private void churn(WsClient client, RunningServer server, AtomicInteger index, LongAdder opened,
                       LongAdder failed, Latency handshake, FrameListener listener) {
        if (!running.get()) {
            return;
        }
        long start = System.nanoTime();
        client.connect(server.webSocket(), index.getAndIncrement(), listener).whenComplete((c, e) -> {
            if (e != null) {
                failed.increment();
            } else {
                handshake.record(System.nanoTime() - start);
                opened.increment();
                c.close();
            }
            churn(client, server, index, opened, failed, handshake, listener);
        });
    }
}
