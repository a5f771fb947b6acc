package io.switchboard.bench.servers;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The {@code redis-server} of {@code switchboard-redis}: started by the bench on a free loopback port, in a
 * temporary directory, without persistence, pinned to the same CPUs as the gateway (it is part of the system under
 * test), and stopped with it.
 */
public final class RedisServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String EXECUTABLE = "redis-server";

    private final Process process;
    private final int port;
    private final Path dir;

    private RedisServer(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts one and waits until it accepts connections.
     *
     * @param serverCpus a {@code taskset -c} CPU list, or empty to leave it unpinned
     * @param log        where its output is copied
     * @throws IOException when {@code redis-server} is not on the PATH, or does not start
     */
    static RedisServer start(String serverCpus, Path log) throws IOException {
        if (!onPath(EXECUTABLE)) {
            throw new IOException("switchboard-redis needs " + EXECUTABLE + " on the PATH, and there is none "
                    + "(Debian/Ubuntu: apt-get install redis-server); leave switchboard-redis out of --servers");
        }
        int port = freePort();
        Path dir = Files.createTempDirectory("switchboard-bench-redis");
        List<String> cmd = new ArrayList<>();
        if (serverCpus != null && !serverCpus.isBlank()) {
            cmd.addAll(List.of("taskset", "-c", serverCpus));
        }
        cmd.addAll(List.of(EXECUTABLE, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        RedisServer redis = new RedisServer(p, port, dir);
        CompletableFuture<Void> up = RunningServer.pump(p.getInputStream(), log, "Ready to accept connections");
        try {
            up.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return redis;
        } catch (TimeoutException | ExecutionException e) {
            redis.close();
            throw new IOException(EXECUTABLE + " did not start within " + START_TIMEOUT.toSeconds() + " s; its "
                    + "output is in " + log, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            redis.close();
            throw new IOException("interrupted while starting " + EXECUTABLE, e);
        }
    }

    /** What {@code --redis-uri} is given. */
    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops it (SIGTERM, then SIGKILL after 10 s) and removes its directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }

    private static boolean onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, name)).anyMatch(Files::isExecutable);
    }

    /** A port free on loopback now (the operating system's pick, so clear of the gateways' fixed ports). */
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether {@code redis-server} is there to start (for tests that run {@code switchboard-redis} when it is). */
    public static boolean available() {
        return onPath(EXECUTABLE);
    }
}
