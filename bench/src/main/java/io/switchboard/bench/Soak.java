package io.switchboard.bench;

import io.switchboard.bench.report.Environment;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import io.switchboard.bench.soak.Durations;
import io.switchboard.bench.soak.SoakReport;
import io.switchboard.bench.soak.SoakRun;
import io.switchboard.bench.soak.SoakSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak: Switchboard holding many connections for a long time under mixed traffic (rooms, management posts,
 * churn, slow consumers), sampled as a time series. Writes {@code bench/results/<time>/soak.json}, {@code soak.png}
 * and the soak's section of RESULTS.md. Not part of the build's tests: {@code bench/run soak} runs it.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Hold many connections under mixed traffic for a long time; write soak.json, soak.png and "
                + "the soak section of RESULTS.md.")
final class Soak implements Callable<Integer> {
    @Option(names = "--connections", defaultValue = "10000", description = "WebSocket connections in all "
            + "(default ${DEFAULT-VALUE}).")
    int connections;
    @Option(names = "--duration", defaultValue = "10m", converter = Durations.Converter.class,
            description = "How long the load runs once the connections are open (default ${DEFAULT-VALUE}).")
    Duration duration;
    @Option(names = "--warmup", defaultValue = "30s", converter = Durations.Converter.class,
            description = "First part of the load left out of the latency totals (default ${DEFAULT-VALUE}).")
    Duration warmup;
    @Option(names = "--room-size", defaultValue = "10")
    int roomSize;
    @Option(names = "--send-interval-min", defaultValue = "5s", converter = Durations.Converter.class)
    Duration sendIntervalMin;
    @Option(names = "--send-interval-max", defaultValue = "10s", converter = Durations.Converter.class)
    Duration sendIntervalMax;
    @Option(names = "--payload-bytes", defaultValue = "100")
    int payloadBytes;
    @Option(names = "--busy-rooms", description = "Rooms the slow consumers join (default: one per two slow "
            + "consumers).")
    Integer busyRooms;
    @Option(names = "--busy-rate", defaultValue = "10", description = "Messages/s per busy-room member.")
    double busyRate;
    @Option(names = "--busy-payload-bytes", defaultValue = "2048")
    int busyPayloadBytes;
    @Option(names = "--posts-per-second", defaultValue = "100",
            description = "@connections posts per second to random healthy members (default ${DEFAULT-VALUE}).")
    double postsPerSecond;
    @Option(names = "--churn-percent", defaultValue = "1", description = "Share of connections that leave and "
            + "come back, each every 30–90 s: about this %% of all reconnects per minute (default ${DEFAULT-VALUE}).")
    double churnPercent;
    @Option(names = "--churn-lifetime-min", defaultValue = "30s", converter = Durations.Converter.class)
    Duration churnLifetimeMin;
    @Option(names = "--churn-lifetime-max", defaultValue = "90s", converter = Durations.Converter.class)
    Duration churnLifetimeMax;
    @Option(names = "--slow-consumers", defaultValue = "10")
    int slowConsumers;
    @Option(names = "--slow-deadline", defaultValue = "120s", converter = Durations.Converter.class,
            description = "How long a slow consumer waits for the gateway to give it up (default ${DEFAULT-VALUE}).")
    Duration slowDeadline;
    @Option(names = "--slow-close-wait", defaultValue = "15s", converter = Durations.Converter.class,
            description = "How long a given-up slow consumer waits, not reading, for the gateway to drop its TCP "
                    + "connection (default ${DEFAULT-VALUE}).")
    Duration slowCloseWait;
    @Option(names = "--sample-every", defaultValue = "1s", converter = Durations.Converter.class)
    Duration sampleEvery;
    @Option(names = "--heap-every", defaultValue = "30s", converter = Durations.Converter.class,
            description = "Live heap after a full GC this often; 0 for start and end only (default ${DEFAULT-VALUE}).")
    Duration heapEvery;
    @Option(names = "--handshake-timeout", defaultValue = "10s", converter = Durations.Converter.class)
    Duration handshakeTimeout;
    @Option(names = "--request-timeout", defaultValue = "10s", converter = Durations.Converter.class,
            description = "Deadline of a join, an HTTP call, a post's delivery, a close (default ${DEFAULT-VALUE}).")
    Duration requestTimeout;
    @Option(names = "--client-threads", defaultValue = "1")
    int clientThreads;
    @Option(names = "--sources", defaultValue = "16", description = "Loopback source addresses 127.0.0.1… to spread "
            + "connections over (default ${DEFAULT-VALUE}).")
    int sources;
    @Option(names = "--connect-in-flight", defaultValue = "200")
    int connectInFlight;

    @Option(names = "--root", defaultValue = ".")
    Path root;
    @Option(names = "--port", defaultValue = "9500")
    int port;
    @Option(names = "--server-cpus", defaultValue = "", description = "taskset -c list for the server; empty: "
            + "unpinned (bench/run passes 0).")
    String serverCpus;
    @Option(names = "--jvm-options", split = " ", description = "The server's JVM options (default: "
            + "server/jvm.options).")
    List<String> jvmOptions = List.of();
    @Option(names = "--attach", description = "Soak a server already running on --port with this process id.")
    Long attach;
    @Option(names = "--out", description = "Directory for soak.json and soak.png (default bench/results/<time>).")
    Path out;
    @Option(names = "--results-md", description = "Where to write the soak section (default bench/RESULTS.md; "
            + "'-' none).")
    String resultsMd;
    @Option(names = "--command", description = "The command line to record.")
    String command;

    @Override
    public Integer call() throws Exception {
        Path base = root.toAbsolutePath().normalize();
        SoakSettings settings = new SoakSettings(connections, duration, warmup, roomSize, sendIntervalMin,
                sendIntervalMax, payloadBytes, busyRooms != null ? busyRooms : Math.max(1, (slowConsumers + 1) / 2),
                busyRate, busyPayloadBytes, postsPerSecond, churnPercent, churnLifetimeMin, churnLifetimeMax,
                slowConsumers, slowDeadline, slowCloseWait, sampleEvery, heapEvery, handshakeTimeout, requestTimeout,
                clientThreads, sources, connectInFlight);
        Path dir = out != null ? out : base.resolve("bench/results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        String generated = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

        RunningServer server = attach != null ? RunningServer.attach(ServerKind.SWITCHBOARD, attach, port)
                : RunningServer.start(ServerKind.SWITCHBOARD, base, port, serverCpus, jvmOptions);
        SoakRun run = new SoakRun(settings, server);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> { // Ctrl-C: stop the load, write what was measured, stop the server
            run.abort();
            try {
                if (!finished.await(60, TimeUnit.SECONDS)) {
                    server.close();
                }
            } catch (InterruptedException e) {
                server.close();
            }
        }, "soak-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        Map<String, Object> measured;
        try {
            measured = run.run();
        } finally {
            server.close();
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("kind", "soak");
        record.put("generated", generated);
        record.put("environment", Environment.describe());
        record.put("command", command == null ? "bench soak" : command);
        record.put("settings", settings);
        record.putAll(measured);
        record.put("server_log", SoakRun.scanLog(server.log().orElse(null)));
        if (server.log().isPresent() && Files.exists(server.log().get())
                && Files.size(server.log().get()) < 16 * 1024 * 1024) { // kept with the results, for the record
            Files.copy(server.log().get(), dir.resolve("server.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Map<String, Object> written = SoakReport.writeJson(record, dir.resolve("soak.json"));
        String target = resultsMd == null ? base.resolve("bench/RESULTS.md").toString() : resultsMd;
        SoakReport.render(written, dir, base, target.equals("-") ? null : Path.of(target));
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        print(written, dir);
        return 0;
    }

    private static void print(Map<String, Object> record, Path dir) {
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) record.get("totals");
        System.out.println("soak: results in " + dir);
        totals.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }
}
