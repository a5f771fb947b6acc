package io.switchboard;

import io.switchboard.auth.ApiAccess;
import io.switchboard.auth.Authorizers;
import io.switchboard.auth.DevIssuer;
import io.switchboard.auth.DevIssuerEndpoint;
import io.switchboard.cluster.NodeHeartbeat;
import io.switchboard.config.ApiConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.connections.ConnectionRegistry;
import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.Delivery;
import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.Engines;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.Handlers;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.httproutes.HttpRouteCalls;
import io.switchboard.httproutes.HttpRoutes;
import io.switchboard.integration.Integrations;
import io.switchboard.management.ManagementApi;
import io.switchboard.observability.AccessLog;
import io.switchboard.observability.AccessLogSink;
import io.switchboard.observability.StdoutAccessLogSink;
import io.switchboard.origin.OriginPolicy;
import io.switchboard.proxies.TrustedProxies;
import io.switchboard.routing.Dispatcher;
import io.switchboard.routing.StageApi;
import io.switchboard.routing.WorkTracker;
import io.switchboard.staticfiles.StaticFiles;
import io.switchboard.throttle.ApiLimits;
import io.switchboard.throttle.TokenBucket;
import io.switchboard.transport.Served;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The composition root: builds every part of the gateway from a configuration, hands each one only the parts it uses,
 * and closes them in order. No part receives the gateway itself. Building it loads handler classes and compiles
 * templates, so a bad configuration fails here with every problem at its YAML path. What the listener serves is
 * {@link #served()}; the other accessors are for applications that embed the gateway, and for tests.
 */
public final class Gateway implements AutoCloseable {
    private final Served served;
    private final Parts parts;

    /** What {@link #create} builds, closed by {@link #close} in reverse order of need. */
    private record Parts(Integrations integrations, ScheduledExecutorService timers, Engine engine,
                         Authorizers authorizers, Realtime realtime, ConnectionRegistry registry, WorkTracker work,
                         StaticFiles staticFiles, AccessLog accessLog, NodeHeartbeat heartbeat) {
    }

    private Gateway(Served served, Parts parts) {
        this.served = served;
        this.parts = parts;
    }

    /**
     * Builds the gateway with handlers by class name only (and those of {@link io.switchboard.handler.HandlerProvider}s
     * on the class path).
     *
     * @throws ConfigException when a handler class, template or other part cannot be built
     */
    public static Gateway create(SwitchboardConfig config) {
        return create(config, Handlers.none());
    }

    /**
     * Builds the gateway; the configuration's handler names resolve among {@code handlers} before class names.
     *
     * @throws ConfigException when a handler, template or other part cannot be built
     */
    public static Gateway create(SwitchboardConfig config, Handlers handlers) {
        return create(config, handlers, context -> Engines.create(config.engine(), context));
    }

    /**
     * Builds the gateway on an engine of the caller's (a node of a {@link io.switchboard.engine.MemoryCluster}, say)
     * instead of the one {@code engine} configures; the gateway closes it.
     *
     * @param engine builds the engine from this node's context
     * @throws ConfigException when a handler, template or other part cannot be built
     */
    public static Gateway create(SwitchboardConfig config, Handlers handlers,
                                 Function<EngineContext, Engine> createEngine) {
        Integrations integrations;
        try {
            integrations = new Integrations(config.server(), handlers);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(new ConfigProblem("handlers", e.getMessage())));
        }
        ScheduledExecutorService timers = Realtime.newTimers();
        Clock clock = Clock.systemUTC();
        Engine engine = createEngine.apply(config.server().nodeId()
                .map(id -> new EngineContext(id, clock, timers))
                .orElseGet(() -> EngineContext.forNewNode(clock, timers)));
        Authorizers authorizers = new Authorizers(integrations, config.devIssuer());
        Realtime realtime = null;
        try {
            ConnectionRegistry registry = new ConnectionRegistry();
            Map<String, Integer> messageBytes = new LinkedHashMap<>();
            config.apis().forEach(api -> messageBytes.put(api.stage(), api.limits().messageBytes()));
            ConnectionService connectionService = new ConnectionService(new Delivery(registry,
                    engine.connections(), engine.nodes()), stage -> messageBytes.getOrDefault(stage, 0));
            GroupService groupService = new GroupService(engine.groups(), connectionService);
            realtime = new Realtime(config, engine, clock, timers, connectionService, groupService, integrations);
            Map<String, StageApi> apis = new LinkedHashMap<>();
            Map<String, HttpRoutes> httpRoutes = new LinkedHashMap<>();
            buildApis(config, integrations, authorizers, engine, clock, realtime, apis, httpRoutes);
            realtime.start();
            NodeHeartbeat heartbeat = new NodeHeartbeat(new NodeHeartbeat.Settings(engine.nodes().nodeId(),
                    List.copyOf(apis.keySet()), config.server().nodeHeartbeat(), config.server().nodeExpiry()),
                    engine.membership(), engine.connections(), groupService, registry::size,
                    () -> registry.all().forEach(c -> c.close(1001, "Going away")), clock, timers);
            heartbeat.start();

            AccessLog accessLog = new AccessLog(switch (config.server().accessLog()) {
                case STDOUT -> new StdoutAccessLogSink(System.out, 100);
                case LOGGER -> AccessLogSink.logger();
                case OFF -> AccessLogSink.OFF;
            });
            WorkTracker work = new WorkTracker();
            Dispatcher dispatcher = new Dispatcher(accessLog, work, realtime.services()::get);
            OriginPolicy origins = OriginPolicy.of(config.server().allowedOrigins(), config.server().secure());
            StaticFiles staticFiles = StaticFiles.create(config.server().staticFiles());
            List<HttpEndpoint> endpoints = new ArrayList<>();
            endpoints.add(new ManagementApi(config.management(), apis::containsKey, new ManagementApi.Services(
                    connectionService, groupService, realtime.users(), realtime.pusher(), realtime.topics(),
                    realtime.queues()), clock));
            authorizers.servedDevIssuer().ifPresent(issuer -> endpoints.add(new DevIssuerEndpoint(issuer, origins)));
            endpoints.add(new HttpRouteCalls(httpRoutes, stage -> Optional.ofNullable(apis.get(stage)),
                    realtime.services()::get, integrations, config.server().domainName()));
            endpoints.add(staticFiles);
            Optional<TokenBucket> newConnections = config.server().connectThrottling().map(TokenBucket::of);
            Served served = Served.builder()
                    .server(config.server())
                    .apis(apis)
                    .dispatcher(dispatcher)
                    .accessLog(accessLog)
                    .connections(registry)
                    .lifecycle(new GatewayLifecycle(registry, dispatcher, groupService, realtime))
                    .endpoints(endpoints)
                    .originPolicy(origins)
                    .trustedProxies(TrustedProxies.of(config.server().trustedProxies()))
                    .admitNewConnection(() -> newConnections.map(TokenBucket::tryAcquire).orElse(true))
                    .work(work)
                    .health(() -> clusterHealth(heartbeat, clock))
                    .build();
            return new Gateway(served, new Parts(integrations, timers, engine, authorizers, realtime, registry, work,
                    staticFiles, accessLog, heartbeat));
        } catch (RuntimeException e) {
            if (realtime != null) {
                realtime.close();
            }
            authorizers.close();
            integrations.close();
            engine.close();
            timers.shutdownNow();
            throw e;
        }
    }

    /** {@code /healthz}'s view of the cluster: this node, and every node as its last heartbeat told. */
    private static Map<String, Object> clusterHealth(NodeHeartbeat heartbeat, Clock clock) {
        long now = clock.millis();
        List<Map<String, Object>> nodes = new ArrayList<>();
        heartbeat.view().forEach(n -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node", n.nodeId());
            node.put("connections", n.connections());
            node.put("heartbeat_at", n.heartbeatAt());
            node.put("alive", !n.expiredAt(now));
            nodes.add(node);
        });
        Map<String, Object> out = new LinkedHashMap<>();
        if (!heartbeat.healthy()) { // alive and serving its own connections, but the engine is out of reach
            out.put("status", "DEGRADED");
            out.put("engine", "unreachable");
        }
        out.put("node", heartbeat.nodeId());
        out.put("nodes", nodes);
        return out;
    }

    /** The stage APIs and their HTTP routes, every problem of every API reported at once. */
    private static void buildApis(SwitchboardConfig config, Integrations integrations, Authorizers authorizers,
                                  Engine engine, Clock clock, Realtime realtime, Map<String, StageApi> apis,
                                  Map<String, HttpRoutes> httpRoutes) {
        List<ConfigProblem> problems = new ArrayList<>(ConfigChecks.devIssuerProblems(config));
        for (int i = 0; i < config.apis().size(); i++) {
            ApiConfig api = config.apis().get(i);
            try {
                ApiAccess access = ApiAccess.of(api, authorizers, ApiLimits.of(api, engine.quotas(), clock));
                apis.put(api.stage(), StageApi.build(api, i, integrations, access, realtime::integration));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add(new ConfigProblem("apis[" + i + "].authorizers", e.getMessage()));
            }
            try {
                httpRoutes.put(api.stage(), HttpRoutes.build(api, i, integrations));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (problems.isEmpty()) {
            try {
                authorizers.servedDevIssuer();
            } catch (IllegalStateException e) {
                problems.add(new ConfigProblem("dev-issuer.key-file", e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** What the listener serves. */
    public Served served() {
        return served;
    }

    /** This node's open connections. */
    public ConnectionRegistry connections() {
        return parts.registry();
    }

    /** The connections store, presence, topics, queues, the pusher and users. */
    public Realtime realtime() {
        return parts.realtime();
    }

    /** The stores shared state lives in. */
    public Engine engine() {
        return parts.engine();
    }

    /** This node's heartbeat and its view of the cluster's nodes. */
    public NodeHeartbeat heartbeat() {
        return parts.heartbeat();
    }

    /** The development issuer, when {@code dev-issuer.enabled} serves its endpoints. */
    public Optional<DevIssuer> devIssuer() {
        return parts.authorizers().servedDevIssuer();
    }

    /** Waits up to {@code timeout} for integration calls under way ({@code $disconnect} included). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return parts.work().awaitIdle(timeout);
    }

    /** Closes every part; call after the listener stopped. */
    @Override
    public void close() {
        parts.heartbeat().close(); // first: the listener stopped, so this node holds nothing any more
        parts.realtime().close();
        parts.integrations().shutdown(Duration.ofSeconds(1));
        parts.staticFiles().close();
        parts.authorizers().close();
        parts.engine().close();
        parts.timers().shutdownNow();
        parts.accessLog().close(); // last: the $disconnect lines of the connections just closed
    }
}
