package io.switchboard.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.Latency;
import io.switchboard.bench.servers.BenchApi;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hashrocket's broadcast method: N connections, a few broadcasts in flight, each posted over HTTP (Switchboard's
 * {@code POST /{stage}/@groups/all}, the peers' {@code POST /broadcast}); a broadcast ends when all N have it, and the
 * next one starts. Measures deliveries per second, server CPU per delivery, and the broadcast round trip (post to
 * last delivery).
 */
public final class BroadcastScenario implements Scenario {
    private static final int IN_FLIGHT = 4;
    private static final int SLOTS = 1 << 16;

    @Override
    public String name() {
        return "broadcast";
    }

    @Override
    public String primaryMetric() {
        return "deliveries_per_s";
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD_REDIS, ServerKind.RAW_NETTY, ServerKind.NODE_WS, ServerKind.SOCKET_IO);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        int n = s.broadcastConnections();
        BenchApi api = new BenchApi(server);
        LongAdder deliveries = new LongAdder();
        AtomicIntegerArray received = new AtomicIntegerArray(SLOTS);
        AtomicLong sequence = new AtomicLong();
        Latency roundTrip = new Latency();
        Map<Integer, String> ids = new java.util.concurrent.ConcurrentHashMap<>();
        Runnable[] next = new Runnable[1];
        try (WsClient client = new WsClient(s.clientThreads(), s.sources(), server.kind().protocol())) {
            List<ClientConnection> all = client.connectAll(server.webSocket(), 0, n, 100, (c, payload) -> {
                if (Payloads.is(payload, 'b')) {
                    deliveries.increment();
                    int slot = (int) (Payloads.field(payload, 1) % SLOTS);
                    if (received.incrementAndGet(slot) == n) {
                        received.set(slot, 0);
                        roundTrip.record(System.nanoTime() - Payloads.field(payload, 2));
                        next[0].run();
                    }
                } else if (Payloads.mentions(payload, "connectionId")) {
                    ids.put(c.index(), connectionId(payload));
                }
            });
            if (server.kind().switchboard()) {
                all.forEach(c -> c.send(client.protocol().ping()));
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (ids.size() < n && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                api.joinAll(List.copyOf(ids.values()));
            }
            next[0] = () -> {
                byte[] body = Payloads.make('b', 0, sequence.incrementAndGet(), s.payloadBytes())
                        .getBytes(StandardCharsets.UTF_8);
                api.send(api.request("POST", api.broadcastPath(), body));
            };
            for (int i = 0; i < IN_FLIGHT; i++) {
                next[0].run();
            }
            Thread.sleep(s.warmup().toMillis());
            roundTrip.reset();
            Map<String, Double> metrics = new HashMap<>(Window.open(server, deliveries)
                    .measure(s.measure(), primaryMetric()));
            metrics.put("server_cpu_us_per_delivery", metrics.remove("server_cpu_us_per_op"));
            metrics.putAll(Latency.summary(roundTrip.snapshot(), "broadcast_rtt_"));
            next[0] = () -> { };
            return new Result("broadcast", server.kind().label(), Map.of("connections", n, "in_flight", IN_FLIGHT,
                    "payload_bytes", s.payloadBytes()), metrics);
        }
    }

    /** The id in {@code {"type":"pong",…,"connectionId":"…"}}. */
    static String connectionId(ByteBuf payload) {
        String text = payload.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("\"connectionId\":\"") + 16;
        return text.substring(start, text.indexOf('"', start));
    }
}
