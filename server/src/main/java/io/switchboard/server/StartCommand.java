package io.switchboard.server;

import io.switchboard.Switchboard;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ServerConfig;
import io.switchboard.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard start}: runs the server until it is stopped (Ctrl-C or SIGTERM stop it gracefully). */
@Command(name = "start",
        mixinStandardHelpOptions = true,
        description = {"Starts the server. Without --config it serves the bundled example APIs.",
            "Ctrl-C or SIGTERM closes every connection with 1001 and waits for $disconnect."})
final class StartCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the configuration file (YAML)")
    private Path config;

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "listen on this port instead of server.port "
            + "(0 picks a free one)")
    private Integer port;

    @Option(names = {"--host"}, paramLabel = "ADDRESS", description = "bind this address instead of server.host")
    private String host;

    @Option(names = {"--node-id"}, paramLabel = "ID", description = "this node's id in a cluster instead of "
            + "server.node-id (default: a new random id at every start)")
    private String nodeId;

    @Option(names = {"--engine"}, paramLabel = "TYPE", description = "the engine instead of engine.type: memory, or "
            + "redis (with engine.redis from the configuration, else a Redis at redis://127.0.0.1:6379)")
    private String engine;

    @Option(names = {"--redis-uri"}, paramLabel = "URI", description = "with --engine redis: the Redis to use "
            + "(redis://host:port), or a Redis Cluster's seed nodes (redis://host:port,host:port,...), its other "
            + "settings the defaults")
    private String redisUri;

    @Option(names = {"--pid-file"}, paramLabel = "FILE", description = "where to write this process's id for "
            + "'switchboard stop' (default: one file per port in the temporary directory)")
    private Path pidFile;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Switchboard running;
    private volatile Path writtenPidFile;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> file = Optional.ofNullable(config);
        SwitchboardConfig loaded;
        try {
            loaded = withOverrides(ConfigSource.load(file));
            running = Switchboard.start(loaded);
        } catch (ConfigException e) {
            err.println("Cannot start with " + ConfigSource.describe(file) + ":");
            e.problems().forEach(p -> err.println("  " + p));
            if (file.isEmpty() && e.problems().stream().anyMatch(p -> p.path().startsWith("dev-issuer"))) {
                err.println("The bundled examples sign in the console's users with the development issuer, which "
                        + "hands out tokens for any name. On a network you trust, serve it on other addresses too with "
                        + ConfigSource.DEV_ISSUER_ANYWHERE + "=true (README.md, \"The example apps\").");
            }
            return 1;
        } catch (RuntimeException e) {
            err.println("Cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop();
            // Last: writes out the access log's buffered lines (the $disconnect of every connection closed above).
            if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logging) {
                logging.stop();
            }
        }, "switchboard-shutdown"));
        announce(loaded, file);
        Path pid = pidFile != null ? pidFile : PidFiles.forPort(running.port());
        try {
            PidFiles.write(pid);
            writtenPidFile = pid;
        } catch (java.io.UncheckedIOException e) {
            LOG.warn("{}: 'switchboard stop' will not find this server (stop it with SIGTERM)", e.getMessage());
        }
        stopped.await();
        return 0;
    }

    /** Stops the server (the shutdown hook, or a test). */
    void stop() {
        Switchboard server = running;
        if (server != null) {
            LOG.info("stopping: closing connections with 1001 Going away");
            server.close();
            LOG.info("stopped");
        }
        Path pid = writtenPidFile;
        if (pid != null) {
            try {
                java.nio.file.Files.deleteIfExists(pid);
            } catch (java.io.IOException e) {
                LOG.debug("cannot remove the pid file {}", pid, e);
            }
        }
        stopped.countDown();
    }

    /** The running server, once started (for tests). */
    Optional<Switchboard> running() {
        return Optional.ofNullable(running);
    }

    private SwitchboardConfig withOverrides(SwitchboardConfig loaded) {
        ServerConfig server = loaded.server();
        if (port != null) {
            server = server.withPort(port);
        }
        if (host != null) {
            server = server.withHost(host);
        }
        if (nodeId != null) {
            server = server.withNodeId(Optional.of(nodeId).filter(id -> !id.isBlank()));
        }
        SwitchboardConfig changed = loaded.withServer(server);
        if (redisUri != null && !"redis".equals(engine)) {
            throw new ConfigException("engine.redis.uri", "--redis-uri goes with --engine redis");
        }
        if (engine != null && (redisUri != null || !engine.equals(loaded.engine().type()))) {
            if (io.switchboard.engine.Engines.provider(engine).isEmpty()) {
                throw new ConfigException("engine.type", io.switchboard.config.EngineConfig.unknownType(engine,
                        io.switchboard.engine.Engines.types()));
            }
            String path = "engine." + engine;
            changed = changed.withEngine(new io.switchboard.config.EngineConfig(engine, redisUri == null
                    ? io.switchboard.config.ConfigSection.empty(path)
                    : io.switchboard.config.ConfigSection.of(path, redisSection(redisUri))));
        }
        return changed;
    }

    /** {@code engine.redis} for {@code --redis-uri}: several hosts are a cluster's seeds (one server has one). */
    private static java.util.Map<String, String> redisSection(String uri) {
        String authority = uri.replaceFirst("^[^:]*://", "").replaceFirst("[/#?].*$", "");
        String hosts = authority.substring(authority.lastIndexOf('@') + 1); // a password may hold a comma
        return hosts.contains(",") ? java.util.Map.of("uri", uri, "cluster", "true") : java.util.Map.of("uri", uri);
    }

    private void announce(SwitchboardConfig loaded, Optional<Path> file) {
        Switchboard server = running;
        String bound = loaded.server().host() + ":" + server.port();
        String ws = loaded.server().secure() ? "wss" : "ws";
        String http = loaded.server().secure() ? "https" : "http";
        LOG.info("Switchboard listening on {} with {}; node {} on the {} engine", bound,
                ConfigSource.describe(file), server.gateway().engine().nodes().nodeId(), loaded.engine().type());
        loaded.apis().forEach(api -> LOG.info("  {}://127.0.0.1:{}/{}  ({}: {})", ws, server.port(), api.stage(),
                api.name(), String.join(", ", api.routes().keySet())));
        loaded.server().staticFiles().forEach(mount -> LOG.info("  {}://127.0.0.1:{}{}  (static files from {})", http,
                server.port(), mount.path(), mount.directory().map(Path::toString)
                        .orElseGet(() -> "classpath:/" + mount.classpath().orElse(""))));
        LOG.info("  {}://127.0.0.1:{}/healthz", http, server.port());
        if (loaded.devIssuer().enabled()) {
            LOG.info("  development issuer (tokens for any user; never in production): {}://127.0.0.1:{}"
                    + "/.well-known/jwks.json, POST /dev-issuer/token", http, server.port());
        }
        int keys = loaded.management().credentials().size();
        LOG.info("  management API at {}://127.0.0.1:{}/<stage>/@connections: {}", http, server.port(),
                keys == 0 ? "loopback callers only (no management.credentials)"
                        : "SigV4-signed calls with " + keys + " access key(s)");
    }
}
