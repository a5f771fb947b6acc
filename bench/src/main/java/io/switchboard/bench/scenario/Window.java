package io.switchboard.bench.scenario;

import io.switchboard.bench.servers.RunningServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** A measured window: elapsed time, the server's CPU time and a counter's growth between open and close. */
final class Window {
    private final RunningServer server;
    private final LongAdder counter;
    private final long startNanos;
    private final long startCpu;
    private final long startCount;

    private Window(RunningServer server, LongAdder counter) {
        this.server = server;
        this.counter = counter;
        this.startCount = counter.sum();
        this.startCpu = server.cpuNanos();
        this.startNanos = System.nanoTime();
    }

    static Window open(RunningServer server, LongAdder counter) {
        return new Window(server, counter);
    }

    /** Sleeps for the window, then measures. */
    Map<String, Double> measure(Duration length, String rateName) throws InterruptedException {
        Thread.sleep(length.toMillis());
        return close(rateName);
    }

    /** {@code <rateName>} per second, server CPU as a share of one core, and server CPU µs per counted event. */
    Map<String, Double> close(String rateName) {
        long cpu = server.cpuNanos() - startCpu;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long count = counter.sum() - startCount;
        Map<String, Double> m = new HashMap<>();
        m.put(rateName, count / seconds);
        m.put("count", (double) count);
        m.put("server_cpu_pct", 100.0 * cpu / 1e9 / seconds);
        m.put("server_cpu_us_per_op", count == 0 ? Double.NaN : cpu / 1000.0 / count);
        return m;
    }
}
