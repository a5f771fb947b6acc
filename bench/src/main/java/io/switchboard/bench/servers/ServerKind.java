package io.switchboard.bench.servers;

import io.switchboard.bench.client.Protocol;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The servers the bench can measure, by the label used on the command line and in results. */
public enum ServerKind {
    SWITCHBOARD("switchboard", true, new Protocol.ApiGateway()),
    /** The same jar and configuration on the Redis engine, with a {@code redis-server} of its own. */
    SWITCHBOARD_REDIS("switchboard-redis", true, new Protocol.ApiGateway()),
    RAW_NETTY("raw-netty", true, new Protocol.ApiGateway()),
    NODE_WS("node-ws", false, new Protocol.ApiGateway()),
    SOCKET_IO("socket.io", false, new Protocol.SocketIo()),
    SERVERLESS_OFFLINE("serverless-offline", false, new Protocol.ApiGateway()),
    /** Three gateways on the Redis engine, sharing one {@code redis-server}: a cluster on one machine. */
    SWITCHBOARD_CLUSTER("switchboard-cluster", true, new Protocol.ApiGateway(), 3),
    /** Three Socket.IO servers joined by the official Redis adapter over one {@code redis-server}. */
    SOCKET_IO_CLUSTER("socket.io-cluster", false, new Protocol.SocketIo(), 3);

    private final String label;
    private final boolean jvm;
    private final Protocol protocol;
    private final int nodes;

    ServerKind(String label, boolean jvm, Protocol protocol) {
        this(label, jvm, protocol, 1);
    }

    ServerKind(String label, boolean jvm, Protocol protocol, int nodes) {
        this.label = label;
        this.jvm = jvm;
        this.protocol = protocol;
        this.nodes = nodes;
    }

    /** How many server processes it runs: clients are spread over them, member i on node i mod nodes. */
    public int nodes() {
        return nodes;
    }

    /** Whether it needs a {@code redis-server} of its own (started with it, pinned to the same CPUs). */
    public boolean redis() {
        return this == SWITCHBOARD_REDIS || nodes > 1;
    }

    public String label() {
        return label;
    }

    /** Whether it runs on the JVM (built by this build) rather than on Node (installed by {@code bench/run}). */
    public boolean jvm() {
        return jvm;
    }

    /** Whether it is this project's gateway (on either engine): its API, its paths, its log on standard error. */
    public boolean switchboard() {
        return this == SWITCHBOARD || this == SWITCHBOARD_REDIS || this == SWITCHBOARD_CLUSTER;
    }

    /** How its clients write the scenarios' operations. */
    public Protocol protocol() {
        return protocol;
    }

    /** @throws IllegalArgumentException for an unknown label, naming the known ones */
    public static ServerKind byLabel(String label) {
        for (ServerKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown server " + label + "; known: "
                + Arrays.stream(values()).map(ServerKind::label).collect(Collectors.joining(", ")));
    }
}
