package io.switchboard.bench.scenario;

import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.target.RunningServer;
import io.switchboard.bench.target.ServerKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Idle capacity, Centrifugo's method: N connections held open and silent, opened by worker processes of at most
 * {@value #PER_PROCESS} connections each (a process may open 20,000 files here). Measures the server's resident
 * memory and heap per connection after a garbage collection (against the same server before the connections), and
 * its CPU time per connection per second while they idle.
 */
public final class IdleScenario implements Scenario {
    static final int PER_PROCESS = 9_500;
    private final Path benchJar;

    public IdleScenario(Path benchJar) {
        this.benchJar = benchJar;
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public String primaryMetric() {
        return "rss_per_conn_bytes";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.RAW_NETTY, ServerKind.NODE_WS, ServerKind.SOCKET_IO);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        int n = s.idleConnections();
        warmUp(server, s);
        Thread.sleep(1000);
        OptionalLong heapBefore = server.collectGarbageAndMeasureHeap();
        long rssBefore = server.rssBytes();
        List<Process> holders = new ArrayList<>();
        try {
            for (int first = 0; first < n; first += PER_PROCESS) {
                holders.add(hold(server, first, Math.min(PER_PROCESS, n - first), s.sources()));
            }
            for (Process p : holders) {
                awaitReady(p);
            }
            Thread.sleep(2000);
            long cpuStart = server.cpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(s.measure().toMillis());
            double seconds = (System.nanoTime() - t0) / 1e9;
            long cpu = server.cpuNanos() - cpuStart;
            OptionalLong heapAfter = server.collectGarbageAndMeasureHeap();
            long rssAfter = server.rssBytes();
            Map<String, Double> m = new HashMap<>();
            m.put("rss_per_conn_bytes", (double) (rssAfter - rssBefore) / n);
            m.put("rss_total_mb", rssAfter / 1048576.0);
            m.put("rss_before_mb", rssBefore / 1048576.0);
            if (heapBefore.isPresent() && heapAfter.isPresent()) {
                m.put("heap_per_conn_bytes", (double) (heapAfter.getAsLong() - heapBefore.getAsLong()) / n);
            }
            m.put("cpu_us_per_conn_per_s", cpu / 1000.0 / n / seconds);
            return new Result("idle", server.kind().label(), Map.of("connections", n), m);
        } finally {
            for (Process p : holders) {
                p.getOutputStream().close(); // end of input: the holder closes its connections and exits
            }
            for (Process p : holders) {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Loads the server's classes and pools with connections that come and go. */
    private static void warmUp(RunningServer server, Settings s) throws InterruptedException {
        try (WsClient client = new WsClient(1, s.sources(), server.kind().protocol())) {
            List<ClientConnection> some = client.connectAll(server.webSocket(), 0, Math.min(1000, s.idleConnections()),
                    50, (c, p) -> { });
            some.forEach(ClientConnection::close);
            Thread.sleep(500);
        }
    }

    private Process hold(RunningServer server, int first, int count, int sources) throws IOException {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", benchJar.toString(), "io.switchboard.bench.Bench", "hold",
                "--uri", server.webSocket().toString(), "--server", server.kind().label(),
                "--first", Integer.toString(first), "--count", Integer.toString(count),
                "--sources", Integer.toString(sources));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static void awaitReady(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("ready")) {
            throw new IOException("a connection holder failed: " + line);
        }
    }
}
