package io.switchboard.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of three masters (and, with {@link #startWithReplicas}, a replica each), each a
 * {@code redis-server --cluster-enabled yes} on a free loopback port (and the port 10000 above it, the cluster bus)
 * in a directory of its own, joined with {@code redis-cli --cluster create}. Ready once every node says
 * {@code cluster_state:ok}. Fails with what to install when the machine has no {@code redis-server} or
 * {@code redis-cli}. Nothing is kept on disk.
 */
public final class RedisClusterProcess implements AutoCloseable {
    private static final int MASTERS = 3;
    private static final long START_SECONDS = 30;
    private static final long FAILOVER_SECONDS = 8;

    private final Path dir;
    private final List<Integer> ports;
    private final int replicas;
    private final List<Process> processes = new ArrayList<>();
    /** The ports of the nodes {@link #killMaster} killed. */
    private final Set<Integer> killed = ConcurrentHashMap.newKeySet();

    private RedisClusterProcess(Path dir, List<Integer> ports, int replicas) {
        this.dir = dir;
        this.ports = List.copyOf(ports);
        this.replicas = replicas;
    }

    /** Starts three masters, joins them, and waits (at most 30 s) until every node says the cluster is ok. */
    public static RedisClusterProcess start() {
        return start(0);
    }

    /** Three masters with a replica each (six nodes), for failovers ({@link #failOverEveryMaster}). */
    public static RedisClusterProcess startWithReplicas() {
        return start(1);
    }

    private static RedisClusterProcess start(int replicas) {
        String server = executable("redis-server");
        String cli = executable("redis-cli");
        RedisClusterProcess cluster;
        try {
            cluster = new RedisClusterProcess(Files.createTempDirectory("switchboard-redis-cluster"),
                    freePorts(MASTERS * (1 + replicas)), replicas);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            cluster.launch(server, cli);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Integer> ports() {
        return ports;
    }

    /** {@code redis://127.0.0.1:port} of every node, the seeds. */
    public List<URI> uris() {
        return ports.stream().map(p -> URI.create("redis://127.0.0.1:" + p)).toList();
    }

    /** Engine settings for this cluster, with a key prefix of the test's (which must not contain braces). */
    public RedisSettings settings(String keyPrefix) {
        return RedisSettings.cluster(uris()).withKeyPrefix(keyPrefix);
    }

    /** Sends one inline command to a node and returns the answer (a bulk string whole, else the first line). */
    public String command(int port, String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String first = line(in);
            if (!first.startsWith("$") || first.equals("$-1")) {
                return first;
            }
            byte[] body = in.readNBytes(Integer.parseInt(first.substring(1)));
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void launch(String server, String cli) {
        for (int port : ports) {
            Path home = dir.resolve(Integer.toString(port));
            try {
                Files.createDirectories(home);
                processes.add(new ProcessBuilder(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                        "--dir", home.toString(), "--daemonize", "no", "--protected-mode", "yes",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "5000", "--save", "", "--appendonly", "no",
                        "--loglevel", "warning", "--logfile", home.resolve("redis.log").toString())
                        .redirectErrorStream(true).redirectOutput(home.resolve("stdout.log").toFile()).start());
            } catch (IOException e) {
                throw new IllegalStateException("cannot start redis-server", e);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_SECONDS);
        for (int port : ports) {
            awaitAnswer(port, "PING", "+PONG", deadline);
        }
        List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
        ports.forEach(p -> create.add("127.0.0.1:" + p));
        create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
        try {
            Process join = new ProcessBuilder(create).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("create.log").toFile()).start();
            if (!join.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                join.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create did not finish; see " + dir);
            }
            if (join.exitValue() != 0) {
                throw new IllegalStateException("redis-cli --cluster create failed: "
                        + Files.readString(dir.resolve("create.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run redis-cli", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
        for (int port : ports) {
            awaitAnswer(port, "CLUSTER INFO", "cluster_state:ok", deadline);
        }
        if (replicas > 0) {
            for (int port : ports) {
                awaitAnswer(port, "INFO replication", roleOf(port).equals("master") ? "role:master"
                        : "master_link_status:up", deadline);
            }
        }
    }

    /** {@code master} or {@code slave}, as the node says. */
    public String roleOf(int port) {
        try {
            String info = command(port, "INFO replication");
            return info.contains("role:master") ? "master" : "slave";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Promotes every replica with {@code CLUSTER FAILOVER} (a manual failover: the master hands over, nothing is
     * lost), one after the other, so that every slot moves to another node; asks again when one did not happen
     * within {@link #FAILOVER_SECONDS} (Redis abandons a manual failover that gets no votes in time), and waits (at
     * most 60 s in all) until every node says the cluster is ok. Returns the new masters' ports.
     */
    public List<Integer> failOverEveryMaster() {
        List<Integer> promoted = ports.stream().filter(p -> roleOf(p).equals("slave")).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2 * START_SECONDS);
        for (int port : promoted) {
            while (true) {
                awaitAnswer(port, "CLUSTER FAILOVER", "+OK", deadline);
                long attempt = Math.min(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(FAILOVER_SECONDS));
                try {
                    awaitAnswer(port, "INFO replication", "role:master", attempt);
                    break;
                } catch (IllegalStateException notYet) {
                    if (System.nanoTime() >= deadline) {
                        throw notYet;
                    }
                }
            }
        }
        for (int port : ports) {
            awaitAnswer(port, "CLUSTER INFO", "cluster_state:ok", deadline);
        }
        return promoted;
    }

    /**
     * The port of the master that serves {@code key}'s slot ({@code CLUSTER KEYSLOT}, then the slot ranges of
     * {@code CLUSTER NODES}), as a living node sees it. The key must contain no space.
     */
    public int masterOf(String key) {
        try {
            int slot = Integer.parseInt(command(livingPort(), "CLUSTER KEYSLOT " + key).substring(1));
            for (String[] node : nodes()) {
                if (!node[2].contains("master") || node[2].contains("fail")) {
                    continue;
                }
                for (int i = 8; i < node.length; i++) {
                    String[] range = node[i].split("-");
                    if (range[0].startsWith("[")) {
                        continue; // a slot being migrated
                    }
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        return portOf(node);
                    }
                }
            }
            throw new IllegalStateException("no master serves slot " + slot + "; see " + dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Kills a master's process (SIGKILL: no handover, no save) and waits until its replica is promoted by the other
     * masters' votes (after {@code cluster-node-timeout}, 5 s, and an election) and every living node says the
     * cluster is ok, at most 60 s in all. Returns the promoted replica's port. The killed node stays down (the
     * promoted master has no replica then); {@link #close} still reaps it.
     */
    public int killMaster(int port) {
        if (!roleOf(port).equals("master")) {
            throw new IllegalArgumentException(port + " is not a master");
        }
        String id = nodes().stream().filter(n -> portOf(n) == port).findFirst().orElseThrow()[0];
        int replica = portOf(nodes().stream().filter(n -> n[2].contains("slave") && n[3].equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException(port + " has no replica; see " + dir)));
        Process master = processes.get(ports.indexOf(port));
        master.destroyForcibly(); // SIGKILL
        killed.add(port);
        try {
            if (!master.waitFor(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on " + port + " did not exit after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + port, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2 * START_SECONDS);
        awaitAnswer(replica, "INFO replication", "role:master", deadline);
        for (int p : ports) {
            if (!killed.contains(p)) {
                awaitAnswer(p, "CLUSTER INFO", "cluster_state:ok", deadline);
            }
        }
        return replica;
    }

    /** Every node of {@code CLUSTER NODES} as a living node sees it, split on spaces: id, address, flags, master, .... */
    private List<String[]> nodes() {
        try {
            return command(livingPort(), "CLUSTER NODES").lines().filter(l -> !l.isBlank())
                    .map(l -> l.trim().split(" ")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private int livingPort() {
        return ports.stream().filter(p -> !killed.contains(p)).findFirst().orElseThrow();
    }

    /** The client port of a {@code CLUSTER NODES} line ({@code ip:port@busport}). */
    private static int portOf(String[] node) {
        String address = node[1];
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
    }

    /** Polls a node until its answer contains {@code expected}, until the deadline. */
    private void awaitAnswer(int port, String command, String expected, long deadline) {
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                last = command(port, command);
                if (last.contains(expected)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            try {
                Thread.sleep(50); // the nodes give no other signal that they listen or agree
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Redis node " + port + " did not answer " + command + " with " + expected
                + " in time (last: " + last.lines().findFirst().orElse("") + "); see " + dir);
    }

    private static String executable(String name) {
        for (String candidate : List.of("/usr/bin/" + name, "/usr/local/bin/" + name)) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("the Redis Cluster tests need " + name + ": apt-get install redis-server "
                + "(it brings redis-cli too; .ci/run installs it)");
    }

    /** Ports, each free with its cluster bus port (10000 above). */
    private static List<Integer> freePorts(int count) throws IOException {
        List<Integer> out = new ArrayList<>();
        for (int tries = 0; out.size() < count && tries < 400; tries++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            if (port > 55_000 || out.contains(port) || out.contains(port + 10_000) || out.contains(port - 10_000)) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
                out.add(port);
            } catch (IOException taken) {
                // its bus port is taken: another
            }
        }
        if (out.size() < count) {
            throw new IllegalStateException("found no " + count + " free port pairs for a Redis Cluster");
        }
        return out;
    }

    /** Kills every node (SIGKILL; those {@link #killMaster} killed already are gone) and waits for them to exit. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
