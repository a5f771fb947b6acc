package io.switchboard.bench.scenario;

import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
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
 * memory and heap per connection after a garbage collection, against the same (fresh) server after a thousand
 * connections came and went, and its CPU time per connection per second while they idle. Memory the process took
 * to serve N connections counts, whatever it holds: live objects, heap headroom, buffer pools.
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
    public boolean freshServerPerRun() {
        return true; // memory a process took is rarely given back: the baseline must be a new server's
    }

    @Override
    public Set<ServerKind> servers() {
        return Set.of(ServerKind.SWITCHBOARD, ServerKind.RAW_NETTY, ServerKind.NODE_WS, ServerKind.SOCKET_IO);
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        int n = s.idleConnections();
        // A thousand connections first, let go: classes loaded and code compiled, but the process's memory is
        // still that of a server before its connections (memory a JVM or V8 took once is rarely given back).
        release(holdAll(server, Math.min(1000, n), s.sources()));
        Thread.sleep(2000);
        OptionalLong heapBefore = server.collectGarbageAndMeasureHeap();
        long rssBefore = server.rssBytes();
        List<Process> holders = new ArrayList<>();
        try {
            holders.addAll(holdAll(server, n, s.sources()));
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
            release(holders);
        }
    }

    /** Opens {@code n} connections from holder processes and waits until all are open. */
    private List<Process> holdAll(RunningServer server, int n, int sources) throws IOException {
        List<Process> holders = new ArrayList<>();
        try {
            for (int first = 0; first < n; first += PER_PROCESS) {
                holders.add(hold(server, first, Math.min(PER_PROCESS, n - first), sources));
            }
            for (Process p : holders) {
                awaitReady(p);
            }
            return holders;
        } catch (IOException | RuntimeException e) {
            release(holders);
            throw e;
        }
    }

    /** Ends the holders' input: they close their connections and exit. */
    private static void release(List<Process> holders) throws IOException {
        for (Process p : holders) {
            p.getOutputStream().close();
        }
        for (Process p : holders) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
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
