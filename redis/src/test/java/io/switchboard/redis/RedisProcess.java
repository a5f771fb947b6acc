package io.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free loopback port, in a directory of its own: started by a
 * test, stopped (or killed, or restarted on the same port and data) by it. Fails with what to install when the
 * machine has no {@code redis-server}.
 */
public final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final boolean persistent;
    private Process process;

    private RedisProcess(Path dir, int port, boolean persistent) {
        this.dir = dir;
        this.port = port;
        this.persistent = persistent;
    }

    /** A server that keeps nothing on disk. */
    public static RedisProcess start() {
        return start(false);
    }

    /**
     * A server that writes every change to its append-only file before answering ({@code appendfsync always}), so a
     * restart keeps everything acknowledged.
     */
    public static RedisProcess startPersistent() {
        return start(true);
    }

    private static RedisProcess start(boolean persistent) {
        try {
            RedisProcess redis = new RedisProcess(Files.createTempDirectory("switchboard-redis"), freePort(),
                    persistent);
            redis.launch();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:port}. */
    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Engine settings for this server, with a key prefix of the test's. */
    public RedisSettings settings(String keyPrefix) {
        return RedisSettings.at(uri()).withKeyPrefix(keyPrefix);
    }

    /** Stops the server (SHUTDOWN, which saves when persistent) and waits for it to exit. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            command("SHUTDOWN");
        } catch (IOException e) {
            // it may close the socket before answering
        }
        await();
    }

    /** Kills the server at once (SIGKILL): whatever was not written to disk is lost. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            await();
        }
    }

    /** Starts it again on the same port and directory (the data of a persistent server survives). */
    public void restart() {
        stop();
        launch();
    }

    /** Sends one inline command and returns the first line of the answer. */
    public String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>(List.of(executable(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--daemonize", "no", "--protected-mode", "yes",
                "--loglevel", "warning", "--logfile", dir.resolve("redis.log").toString()));
        if (persistent) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always", "--save", ""));
        } else {
            command.addAll(List.of("--appendonly", "no", "--save", ""));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start redis-server", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive()) {
                break;
            }
            try {
                Thread.sleep(20); // polling a process that gives no other signal that it listens
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir);
    }

    private void await() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("the Redis engine's tests need redis-server: apt-get install redis-server "
                + "(.ci/run installs it)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        kill();
    }
}
