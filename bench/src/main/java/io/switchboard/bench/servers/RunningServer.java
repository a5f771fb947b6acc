package io.switchboard.bench.servers;

import io.switchboard.bench.measure.ProcessStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test: a process of its own, started from this checkout and stopped on {@link #close()}, or one
 * started by hand and attached to by its process id. Its CPU time and memory are read from {@code /proc}.
 */
public final class RunningServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** The last line of {@code jcmd GC.class_histogram}: {@code Total <instances> <bytes>}. */
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    private final ServerKind kind;
    private final long pid;
    private final int port;
    private final Optional<Process> process;
    private final Optional<Path> log;
    /** The {@code redis-server} of {@code switchboard-redis} or of a cluster, stopped after the servers. */
    private final Optional<RedisServer> redis;
    /** A cluster's other nodes (this one is its first); measured and stopped with it. */
    private final List<RunningServer> others;

    private RunningServer(ServerKind kind, long pid, int port, Optional<Process> process, Optional<Path> log,
                          Optional<RedisServer> redis, List<RunningServer> others) {
        this.kind = kind;
        this.pid = pid;
        this.port = port;
        this.process = process;
        this.log = log;
        this.redis = redis;
        this.others = List.copyOf(others);
    }

    /**
     * Starts a server of this kind on {@code port} and waits until it serves. For {@code switchboard-redis}, first
     * a {@code redis-server} of its own on a free loopback port, pinned to the same CPUs. A cluster kind starts its
     * {@code redis-server}, then its nodes on {@code port}, {@code port + 1}, … pinned alike: one machine, every
     * process of the system under test on the server CPUs.
     *
     * @param root       the repository root (the jars under each module's {@code target}, the peers under
     *                   {@code bench/peers})
     * @param serverCpus a {@code taskset -c} CPU list, or empty to leave the server unpinned
     * @param jvmOptions options for the Java servers; empty means those of {@code server/jvm.options}, as
     *                   {@code ./switchboard start} uses
     */
    public static RunningServer start(ServerKind kind, Path root, int port, String serverCpus,
                                      List<String> jvmOptions) throws IOException, InterruptedException {
        Path logs = root.resolve("bench/results/tmp");
        Files.createDirectories(logs);
        Optional<RedisServer> redis = kind.redis()
                ? Optional.of(RedisServer.start(serverCpus, logs.resolve("redis-server-" + port + ".log")))
                : Optional.empty();
        Optional<String> redisUri = redis.map(RedisServer::uri);
        List<RunningServer> others = new ArrayList<>();
        try {
            for (int node = 1; node < kind.nodes(); node++) {
                others.add(launch(kind, root, port + node, serverCpus, jvmOptions, redisUri, Optional.empty(),
                        List.of()));
            }
            return launch(kind, root, port, serverCpus, jvmOptions, redisUri, redis, others);
        } catch (IOException | InterruptedException | RuntimeException e) {
            others.forEach(RunningServer::close);
            redis.ifPresent(RedisServer::close);
            throw e;
        }
    }

    /** One process of a server, owning {@code redis} and {@code others} once it is up. */
    private static RunningServer launch(ServerKind kind, Path root, int port, String serverCpus,
                                        List<String> jvmOptions, Optional<String> redisUri,
                                        Optional<RedisServer> redis, List<RunningServer> others)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (serverCpus != null && !serverCpus.isBlank()) {
            cmd.addAll(List.of("taskset", "-c", serverCpus)); // taskset execs: the process id stays the server's
        }
        ProcessBuilder pb = new ProcessBuilder().directory(root.toFile());
        Path logs = root.resolve("bench/results/tmp");
        String ready;
        switch (kind) {
            case SWITCHBOARD, SWITCHBOARD_REDIS, SWITCHBOARD_CLUSTER -> {
                cmd.add(java());
                cmd.addAll(jvmOptions(root, jvmOptions));
                cmd.addAll(List.of("-jar", root.resolve("server/target/switchboard.jar").toString(), "start",
                        "--config", root.resolve("bench/config/switchboard.yaml").toString(),
                        "--port", Integer.toString(port)));
                redisUri.ifPresent(uri -> cmd.addAll(List.of("--engine", "redis", "--redis-uri", uri)));
                // Standard output is the access log: measured as it is written, but not kept.
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
                ready = "Switchboard listening on";
            }
            case RAW_NETTY -> {
                cmd.add(java());
                cmd.addAll(jvmOptions(root, jvmOptions));
                cmd.addAll(List.of("-cp", root.resolve("bench/target/switchboard-bench.jar").toString(),
                        "io.switchboard.bench.Bench", "raw-netty", "--port", Integer.toString(port)));
                pb.redirectErrorStream(true);
                ready = "listening ";
            }
            case NODE_WS, SOCKET_IO, SOCKET_IO_CLUSTER -> {
                String script = kind == ServerKind.NODE_WS ? "ws-server.mjs" : "socketio-server.mjs";
                cmd.addAll(List.of("node", "--expose-gc", root.resolve("bench/peers").resolve(script).toString(),
                        "--port", Integer.toString(port)));
                redisUri.ifPresent(uri -> cmd.addAll(List.of("--redis", uri)));
                pb.redirectErrorStream(true);
                ready = "listening ";
            }
            case SERVERLESS_OFFLINE -> {
                cmd.add(root.resolve("bench/peers/sls/start.sh").toString());
                pb.environment().put("SLS_WS_PORT", Integer.toString(port));
                pb.environment().put("SLS_LAMBDA_PORT", Integer.toString(port + 1));
                pb.environment().put("SLS_HTTP_PORT", Integer.toString(port + 2));
                pb.environment().put("SLS_ALB_PORT", Integer.toString(port + 3));
                pb.redirectErrorStream(true);
                ready = "Offline [http for websocket] listening on";
            }
            default -> throw new IllegalArgumentException(kind.label());
        }
        Path log = logs.resolve(kind.label() + "-" + port + ".log");
        Process p = pb.command(cmd).start();
        InputStream output = kind.switchboard() ? p.getErrorStream() : p.getInputStream();
        CompletableFuture<Void> up = pump(output, log, ready);
        RunningServer server = new RunningServer(kind, p.pid(), port, Optional.of(p), Optional.of(log), redis,
                others);
        try {
            up.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return server;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Only this process: the caller stops the rest.
            new RunningServer(kind, p.pid(), port, Optional.of(p), Optional.empty(), Optional.empty(), List.of())
                    .close();
            throw new IOException(kind.label() + " did not start within " + START_TIMEOUT.toSeconds() + " s; its "
                    + "output is in " + log, e);
        }
    }

    /** A server someone else started (under a profiler, say): measured, never stopped. */
    public static RunningServer attach(ServerKind kind, long pid, int port) {
        return new RunningServer(kind, pid, port, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public ServerKind kind() {
        return kind;
    }

    public long pid() {
        return pid;
    }

    /** Whether the server's processes (and its {@code redis-server}, if it has one) are all still running. */
    public boolean isAlive() {
        return redis.map(RedisServer::isAlive).orElse(true) && others.stream().allMatch(RunningServer::isAlive)
                && process.map(Process::isAlive)
                .orElseGet(() -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The exit code of a server this bench started and that has ended. */
    public OptionalInt exitCode() {
        return process.filter(p -> !p.isAlive()).map(p -> OptionalInt.of(p.exitValue())).orElse(OptionalInt.empty());
    }

    /** Where the server's application log (its standard error; Node's output) is copied, for a started server. */
    public Optional<Path> log() {
        return log;
    }

    /** How many nodes serve clients: 1, or a cluster's size. */
    public int nodes() {
        return 1 + others.size();
    }

    /** Where the client of member {@code member} connects: node {@code member mod nodes()}. */
    public URI webSocket(int member) {
        int node = Math.floorMod(member, nodes());
        return node == 0 ? webSocket() : others.get(node - 1).webSocket();
    }

    /** Where the scenarios' WebSocket clients connect (a cluster's first node). */
    public URI webSocket() {
        return URI.create(switch (kind) {
            case SWITCHBOARD, SWITCHBOARD_REDIS, SWITCHBOARD_CLUSTER -> "ws://127.0.0.1:" + port + "/" + BenchApi.STAGE;
            case SOCKET_IO, SOCKET_IO_CLUSTER -> "ws://127.0.0.1:" + port + "/socket.io/?EIO=4&transport=websocket";
            default -> "ws://127.0.0.1:" + port + "/";
        });
    }

    /** The server's HTTP side (broadcasts, {@code @connections}, statistics). */
    public URI http() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** User plus system CPU time of the server's process trees (every node), with its {@code redis-server}'s. */
    public long cpuNanos() {
        return ProcessStats.cpuNanos(pid) + others.stream().mapToLong(RunningServer::cpuNanos).sum()
                + redis.map(r -> ProcessStats.cpuNanos(r.pid())).orElse(0L);
    }

    /** Resident memory of the server's process trees (every node), with its {@code redis-server}'s. */
    public long rssBytes() {
        return ProcessStats.rssBytes(pid) + others.stream().mapToLong(RunningServer::rssBytes).sum()
                + redis.map(r -> ProcessStats.rssBytes(r.pid())).orElse(0L);
    }

    /**
     * Forces a full garbage collection and returns the heap in use after it: the live objects of
     * {@code jcmd GC.class_histogram} (which collects first, whatever the collector) for the JVM servers, the peers'
     * {@code GET /stats} (which runs {@code gc()} first) for Node; empty where neither exists.
     */
    public OptionalLong collectGarbageAndMeasureHeap() throws IOException, InterruptedException {
        return switch (kind) {
            case SWITCHBOARD, SWITCHBOARD_REDIS, SWITCHBOARD_CLUSTER, RAW_NETTY -> {
                Matcher m = HISTOGRAM_TOTAL.matcher(jcmd("GC.class_histogram"));
                yield m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
            }
            case NODE_WS, SOCKET_IO, SOCKET_IO_CLUSTER -> nodeHeap();
            default -> OptionalLong.empty();
        };
    }

    private OptionalLong nodeHeap() throws IOException, InterruptedException {
        // HTTP/1.1: the JDK client's default h2c upgrade would reach the peers' WebSocket servers as an upgrade.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(http().resolve("/stats"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"heapUsed\":(\\d+)").matcher(r.body());
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    /**
     * Stops a server this bench started (SIGTERM, then SIGKILL after 15 s), with every process it started and a
     * cluster's other nodes, then its {@code redis-server}.
     */
    @Override
    public void close() {
        others.forEach(RunningServer::close);
        process.ifPresent(p -> {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        });
        redis.ifPresent(RedisServer::close);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> jvmOptions(Path root, List<String> given) throws IOException {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        Path file = root.resolve("server/jvm.options");
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * Copies a server's output to its log file on a daemon thread (a full pipe would stall the server), completing
     * when a line contains {@code ready}, exceptionally when the output ends first.
     */
    static CompletableFuture<Void> pump(InputStream output, Path log, String ready) {
        CompletableFuture<Void> up = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line);
                    out.write('\n');
                    if (!up.isDone() && line.contains(ready)) {
                        out.flush();
                        up.complete(null);
                    }
                }
            } catch (IOException e) {
                up.completeExceptionally(new UncheckedIOException(e));
            }
            up.completeExceptionally(new IOException("the server's output ended before it was ready; see " + log));
        }, "server-output");
        t.setDaemon(true);
        t.start();
        return up;
    }
}
