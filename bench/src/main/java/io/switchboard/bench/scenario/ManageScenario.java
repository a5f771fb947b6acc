package io.switchboard.bench.scenario;

import io.netty.handler.codec.http.HttpMethod;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.HttpLoad;
import io.switchboard.bench.client.Signer;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.Latency;
import io.switchboard.bench.servers.BenchApi;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A backend pushing through {@code @connections}: {@code POST …/@connections/{id}} signed with SigV4 by the AWS SDK's
 * signer, on kept-alive connections with one call outstanding each, round robin over the connected clients.
 * Measures accepted posts per second, their latency, and server CPU per post; the clients count what arrives.
 */
public final class ManageScenario implements Scenario {

    @Override
    public String name() {
        return "manage";
    }

    @Override
    public String primaryMetric() {
        return "posts_per_s";
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.SWITCHBOARD_REDIS, ServerKind.SERVERLESS_OFFLINE);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        LongAdder ok = new LongAdder();
        LongAdder failed = new LongAdder();
        LongAdder arrived = new LongAdder();
        Latency latency = new Latency();
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        try (WsClient client = new WsClient(s.clientThreads(), s.sources(), server.kind().protocol())) {
            List<ClientConnection> all = client.connectAll(server.webSocket(), 0, s.manageConnections(), 50,
                    (c, payload) -> {
                        if (Payloads.is(payload, 'p')) {
                            arrived.increment();
                        } else if (Payloads.mentions(payload, "connectionId")) {
                            ids.put(c.index(), BroadcastScenario.connectionId(payload));
                        }
                    });
            all.forEach(c -> c.send(client.protocol().ping()));
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (ids.size() < all.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            List<String> paths = new ArrayList<>();
            String prefix = server.kind().switchboard() ? "/" + BenchApi.STAGE : "";
            ids.values().forEach(id -> paths.add(prefix + "/@connections/" + id.replace("=", "%3D")));
            Signer signer = new Signer(BenchApi.ACCESS_KEY, BenchApi.SECRET_KEY);
            URI base = server.http();
            AtomicLong sequence = new AtomicLong();
            try (HttpLoad load = new HttpLoad(base, s.clientThreads(), () -> {
                long n = sequence.incrementAndGet();
                String path = paths.get((int) (n % paths.size()));
                byte[] body = Payloads.make('p', 0, n, s.payloadBytes()).getBytes(StandardCharsets.UTF_8);
                return new HttpLoad.Call(HttpMethod.POST, path, body,
                        signer.headers("POST", base.resolve(path), body));
            }, ok, failed, latency)) {
                load.start(s.manageConcurrency());
                Thread.sleep(s.warmup().toMillis());
                latency.reset();
                Map<String, Double> metrics = new HashMap<>(Window.open(server, ok)
                        .measure(s.measure(), primaryMetric()));
                metrics.put("server_cpu_us_per_post", metrics.remove("server_cpu_us_per_op"));
                metrics.putAll(Latency.summary(latency.snapshot(), "post_"));
                metrics.put("failed", failed.doubleValue());
                metrics.put("arrived", arrived.doubleValue());
                return new Result("manage", server.kind().label(), Map.of("clients", s.manageConnections(),
                        "in_flight", s.manageConcurrency(), "signed", "SigV4"), metrics);
            }
        }
    }
}
