package io.switchboard.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The listener and the process-wide resources.
 *
 * @param host              address to bind; {@code 0.0.0.0} listens on every interface
 * @param port              port to bind; {@code 0} picks a free port (the server logs it)
 * @param domainName        {@code requestContext.domainName} in events; empty means the request's {@code Host} header
 * @param tls               PEM certificate and key; absent means plain {@code ws://} and {@code http://}
 * @param handshakeTimeout  how long a client may take to send a complete HTTP request (slow clients are closed)
 * @param maxInitialLine    longest request line accepted (AWS allows 4096-character URLs); longer gets 414
 * @param maxHeaderSize     largest header block accepted; larger gets 431
 * @param eventLoopThreads  Netty event-loop threads; {@code 0} means two per core
 * @param functionThreads   threads that run {@code function} integrations (they may block)
 * @param functionQueue     invocations that may wait for a function thread before new ones fail
 * @param shutdownTimeout   how long a stopping server waits for connections to close and {@code $disconnect} to run
 * @param classpath         jars and directories searched for handler classes, besides the server's own
 * @param accessLog         where the access log goes: standard output (buffered, a writer thread), the
 *                          {@code switchboard.access} SLF4J logger, or nowhere
 * @param staticFiles       directories served over plain HTTP (web pages); none by default
 * @param allowedOrigins    browser origins ({@code scheme://host[:port]}) allowed to open connections; empty means
 *                          the page must come from the server itself (its {@code Host}); requests without
 *                          {@code Origin} (not browsers) are not checked
 * @param connectThrottling new connections per second on this node, over every API; empty means no limit
 * @param trustedProxies    the reverse proxies whose {@code Forwarded}, {@code X-Forwarded-For} and
 *                          {@code X-Real-IP} are believed; none by default, and then a request that carries one of
 *                          them is never taken for a local caller, whatever address it comes from
 * @param nodeId            this gateway among the nodes that share an engine ({@code node-id}): letters, digits,
 *                          {@code . _ -}, at most 64; empty means a new random id at every start, so that a restarted
 *                          node is never taken for the one before it
 * @param nodeHeartbeat     how often the node tells the others sharing its engine that it is alive
 * @param nodeExpiry        how long after its last heartbeat a silent node counts as dead, and another node removes
 *                          the entries of the connections it held; at least twice {@code nodeHeartbeat}
 */
public record ServerConfig(
        String host,
        int port,
        Optional<String> domainName,
        Optional<TlsConfig> tls,
        Duration handshakeTimeout,
        int maxInitialLine,
        int maxHeaderSize,
        int eventLoopThreads,
        int functionThreads,
        int functionQueue,
        Duration shutdownTimeout,
        List<Path> classpath,
        AccessLogMode accessLog,
        List<StaticConfig> staticFiles,
        List<String> allowedOrigins,
        Optional<ThrottleConfig> connectThrottling,
        List<IpRange> trustedProxies,
        Optional<String> nodeId,
        Duration nodeHeartbeat,
        Duration nodeExpiry) {

    private static final java.util.regex.Pattern NODE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Where the access log goes. */
    public enum AccessLogMode { STDOUT, LOGGER, OFF }

    static ServerConfig read(ConfigNode n) {
        String host = n.string("host", "0.0.0.0");
        int port = n.integer("port", 8080, 0, 65535);
        Optional<String> domainName = n.optionalString("domain-name").filter(s -> !s.isBlank());
        Optional<TlsConfig> tls = n.optionalSection("tls", TlsConfig::read);
        Duration handshakeTimeout = n.duration("handshake-timeout", Duration.ofSeconds(10),
                Duration.ofMillis(100), Duration.ofMinutes(5));
        int maxInitialLine = n.size("max-initial-line", 4096, 256, 65536);
        int maxHeaderSize = n.size("max-header-size", 16384, 1024, 1024 * 1024);
        int eventLoopThreads = n.integer("event-loop-threads", 0, 0, 1024);
        int functionThreads = n.integer("function-threads", 64, 1, 10_000);
        int functionQueue = n.integer("function-queue", 10_000, 0, 10_000_000);
        Duration shutdownTimeout = n.duration("shutdown-timeout", Duration.ofSeconds(30),
                Duration.ZERO, Duration.ofHours(1));
        List<Path> classpath = n.stringList("classpath").stream()
                .flatMap(entry -> n.path("classpath", entry).stream()).toList();
        for (Path entry : classpath) {
            if (!Files.isReadable(entry)) {
                n.problem("classpath", "cannot read " + entry.toAbsolutePath());
            }
        }
        String mode = n.string("access-log", "stdout");
        AccessLogMode accessLog = switch (mode) {
            case "stdout" -> AccessLogMode.STDOUT;
            case "logger" -> AccessLogMode.LOGGER;
            case "off" -> AccessLogMode.OFF;
            default -> {
                n.problem("access-log", "must be stdout, logger or off, not '" + mode + "'");
                yield AccessLogMode.STDOUT;
            }
        };
        List<StaticConfig> staticFiles = n.list("static", StaticConfig::read);
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < staticFiles.size(); i++) {
            if (!paths.add(staticFiles.get(i).path())) {
                n.problem("static[" + i + "].path", "'" + staticFiles.get(i).path() + "' is already served");
            }
        }
        List<String> allowedOrigins = n.stringList("allowed-origins");
        for (String origin : allowedOrigins) {
            io.switchboard.origin.OriginPolicy.problem(origin).ifPresent(p -> n.problem("allowed-origins", p));
        }
        Optional<ThrottleConfig> connectThrottling = n.optionalSection("connect-throttling",
                ThrottleConfig::readRequired);
        List<IpRange> trustedProxies = new java.util.ArrayList<>();
        List<String> proxies = n.stringList("trusted-proxies");
        for (int i = 0; i < proxies.size(); i++) {
            try {
                trustedProxies.add(IpRange.parse(proxies.get(i)));
            } catch (IllegalArgumentException e) {
                n.problemAt("trusted-proxies[" + i + "]", e.getMessage());
            }
        }
        Optional<String> nodeId = n.optionalString("node-id").filter(s -> !s.isEmpty());
        if (nodeId.isPresent() && !NODE_ID.matcher(nodeId.get()).matches()) {
            n.problem("node-id", "has 1 to 64 letters, digits, '.', '_' or '-', not '" + nodeId.get() + "'");
            nodeId = Optional.empty();
        }
        Duration nodeHeartbeat = n.duration("node-heartbeat", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(1));
        Duration nodeExpiry = n.duration("node-expiry", Duration.ofSeconds(15), Duration.ofMillis(200),
                Duration.ofMinutes(10));
        if (nodeExpiry.compareTo(nodeHeartbeat.multipliedBy(2)) < 0) {
            n.problem("node-expiry", "must be at least twice node-heartbeat (" + Units.format(nodeHeartbeat) + "), "
                    + "so that one late heartbeat does not take a node for dead");
            nodeExpiry = nodeHeartbeat.multipliedBy(3);
        }
        return new ServerConfig(host, port, domainName, tls, handshakeTimeout, maxInitialLine, maxHeaderSize,
                eventLoopThreads, functionThreads, functionQueue, shutdownTimeout, classpath, accessLog,
                staticFiles, allowedOrigins, connectThrottling, List.copyOf(trustedProxies), nodeId, nodeHeartbeat,
                nodeExpiry);
    }

    /** Whether the listener serves TLS, so the schemes are {@code wss} and {@code https}. */
    public boolean secure() {
        return tls.isPresent();
    }

    /** A copy listening on another port (the command line's {@code --port}). */
    public ServerConfig withPort(int newPort) {
        return copy(host, newPort, accessLog, nodeId);
    }

    /** A copy binding another address (the command line's {@code --host}). */
    public ServerConfig withHost(String newHost) {
        return copy(newHost, port, accessLog, nodeId);
    }

    /** A copy with the access log going elsewhere. */
    public ServerConfig withAccessLog(AccessLogMode mode) {
        return copy(host, port, mode, nodeId);
    }

    /** A copy with another node id (the command line's {@code --node-id}); empty for a random one. */
    public ServerConfig withNodeId(Optional<String> id) {
        return copy(host, port, accessLog, id);
    }

    private ServerConfig copy(String newHost, int newPort, AccessLogMode mode, Optional<String> id) {
        return new ServerConfig(newHost, newPort, domainName, tls, handshakeTimeout, maxInitialLine, maxHeaderSize,
                eventLoopThreads, functionThreads, functionQueue, shutdownTimeout, classpath, mode,
                staticFiles, allowedOrigins, connectThrottling, trustedProxies, id, nodeHeartbeat, nodeExpiry);
    }
}
