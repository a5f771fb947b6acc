package io.switchboard;

import io.switchboard.auth.ApiAccess;
import io.switchboard.auth.Authorizers;
import io.switchboard.auth.DevIssuer;
import io.switchboard.config.ApiConfig;
import io.switchboard.config.AuthorizerConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.ManagementConfig;
import io.switchboard.config.ServerConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.connections.ConnectionRegistry;
import io.switchboard.connections.ConnectionService;
import io.switchboard.engine.Engine;
import io.switchboard.engine.Engines;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.HttpRouteHandler;
import io.switchboard.httproutes.HttpRouteCalls;
import io.switchboard.httproutes.HttpRoutes;
import io.switchboard.inprocess.InProcessServices;
import io.switchboard.integration.Integrations;
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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the network layer serves, built from a configuration: the APIs by stage, their integrations, the open
 * connections and the access log. Building it loads handler classes and compiles templates, so a bad configuration
 * fails here with every problem at its YAML path.
 */
public final class Gateway implements AutoCloseable {
    private final SwitchboardConfig config;
    private final Integrations integrations;
    private final Engine engine;
    private final Map<String, StageApi> apis;
    private final ConnectionRegistry connections;
    private final ConnectionService connectionService;
    private final GroupService groupService;
    private final ScheduledExecutorService timers;
    private final Realtime realtime;
    private final Map<String, InProcessServices> handlerServices;
    private final AccessLog accessLog;
    private final WorkTracker work = new WorkTracker();
    private final Dispatcher dispatcher;
    private final StaticFiles staticFiles;
    private final HttpRouteCalls httpRoutes;
    private final Authorizers authorizers;
    private final OriginPolicy originPolicy;
    private final Optional<TokenBucket> newConnections;
    private final TrustedProxies trustedProxies;
    private volatile boolean stopping;

    private Gateway(SwitchboardConfig config, Integrations integrations, Engine engine, Map<String, StageApi> apis,
                    Parts parts) {
        this.config = config;
        this.integrations = integrations;
        this.engine = engine;
        this.apis = apis;
        this.connections = parts.registry();
        this.connectionService = parts.connectionService();
        this.timers = parts.timers();
        this.realtime = parts.realtime();
        this.authorizers = parts.authorizers();
        this.originPolicy = OriginPolicy.of(config.server().allowedOrigins(), config.server().secure());
        this.newConnections = config.server().connectThrottling().map(TokenBucket::of);
        this.trustedProxies = TrustedProxies.of(config.server().trustedProxies());
        this.accessLog = new AccessLog(switch (config.server().accessLog()) {
            case STDOUT -> new StdoutAccessLogSink(System.out, 100);
            case LOGGER -> AccessLogSink.logger();
            case OFF -> AccessLogSink.OFF;
        });
        this.groupService = parts.groupService();
        this.handlerServices = realtime.services();
        this.dispatcher = new Dispatcher(accessLog, work, handlerServices::get);
        this.staticFiles = StaticFiles.create(config.server().staticFiles());
        this.httpRoutes = new HttpRouteCalls(parts.httpRoutes(), this::api, handlerServices::get, integrations,
                config.server().domainName());
    }

    /**
     * Builds the gateway.
     *
     * @throws ConfigException when a handler class, template or other part cannot be built
     */
    public static Gateway create(SwitchboardConfig config) {
        Integrations integrations = new Integrations(config.server());
        ScheduledExecutorService timers = Realtime.newTimers();
        Clock clock = Clock.systemUTC();
        Engine engine = Engines.create(config.engine(), io.switchboard.engine.EngineContext.forNewNode(clock, timers));
        Authorizers authorizers = new Authorizers(integrations, config.devIssuer());
        Realtime realtime = null;
        try {
            Map<String, Integer> messageBytes = new LinkedHashMap<>();
            config.apis().forEach(api -> messageBytes.put(api.stage(), api.limits().messageBytes()));
            ConnectionRegistry registry = new ConnectionRegistry();
            ConnectionService connectionService = new ConnectionService(registry,
                    stage -> messageBytes.getOrDefault(stage, 0));
            GroupService groupService = new GroupService(engine.groups(), connectionService);
            realtime = new Realtime(config, engine, clock, timers, connectionService, groupService, integrations);
            Map<String, StageApi> apis = new LinkedHashMap<>();
            Map<String, HttpRoutes> httpRoutes = new LinkedHashMap<>();
            List<ConfigProblem> problems = new ArrayList<>(devIssuerProblems(config));
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
            realtime.start();
            return new Gateway(config, integrations, engine, Map.copyOf(apis),
                    new Parts(registry, connectionService, groupService, timers, realtime, httpRoutes,
                            authorizers));
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

    /** What {@link #create} builds before the gateway itself. */
    private record Parts(ConnectionRegistry registry, ConnectionService connectionService, GroupService groupService,
                         ScheduledExecutorService timers, Realtime realtime, Map<String, HttpRoutes> httpRoutes,
                         Authorizers authorizers) {
    }

    /** The development issuer's endpoints mint tokens for anyone who reaches them: loopback binds only. */
    private static List<ConfigProblem> devIssuerProblems(SwitchboardConfig config) {
        if (!config.devIssuer().enabled() || config.devIssuer().allowNonLoopback()) {
            return List.of();
        }
        String host = config.server().host();
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        return loopback ? List.of() : List.of(new ConfigProblem("dev-issuer.enabled", "the development issuer "
                + "hands out tokens for any user, so it is served only on a loopback address; server.host is "
                + host + ". Bind 127.0.0.1 (--host 127.0.0.1), or set dev-issuer.allow-non-loopback: true on a "
                + "machine nobody else reaches"));
    }

    /**
     * Checks what {@link #create} would build without creating handler instances (which may have side effects):
     * handler classes load and have the right type.
     *
     * @throws ConfigException listing every problem
     */
    public static void check(SwitchboardConfig config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** The problems {@link #check} reports, for {@link io.switchboard.config.ConfigLoader#withChecks}. */
    public static List<ConfigProblem> problems(SwitchboardConfig config) {
        List<ConfigProblem> problems = new ArrayList<>(Realtime.problems(config));
        for (int i = 0; i < config.apis().size(); i++) {
            int index = i;
            config.apis().get(i).access().authorizers().forEach(a -> {
                if (a instanceof AuthorizerConfig.Request r && r.integration() instanceof IntegrationConfig.Function f
                        && !f.handler().isEmpty()) {
                    try {
                        Integrations.checkHandler(f.handler(), config.server().classpath());
                    } catch (IllegalArgumentException e) {
                        problems.add(new ConfigProblem("apis[" + index + "].authorizers." + a.name()
                                + ".integration.handler", e.getMessage()));
                    }
                }
            });
            config.apis().get(i).routes().forEach((key, route) -> {
                if (route.integration().orElse(null) instanceof IntegrationConfig.Function f && !f.handler().isEmpty()) {
                    try {
                        Integrations.checkHandler(f.handler(), config.server().classpath());
                    } catch (IllegalArgumentException e) {
                        problems.add(new ConfigProblem("apis[" + index + "].routes." + key + ".integration.handler",
                                e.getMessage()));
                    }
                }
            });
            config.apis().get(i).httpRoutes().forEach((key, route) -> {
                if (!route.integration().handler().isEmpty()) {
                    try {
                        Integrations.checkHandler(route.integration().handler(), config.server().classpath(),
                                HttpRouteHandler.class);
                    } catch (IllegalArgumentException e) {
                        problems.add(new ConfigProblem("apis[" + index + "].http-routes." + key
                                + ".integration.handler", e.getMessage()));
                    }
                }
            });
        }
        return problems;
    }

    public ServerConfig server() {
        return config.server();
    }

    /** The API served at {@code /{stage}}. */
    public Optional<StageApi> api(String stage) {
        return Optional.ofNullable(apis.get(stage));
    }

    public Collection<StageApi> apis() {
        return apis.values();
    }

    public ConnectionRegistry connections() {
        return connections;
    }

    /** Which browser origins may open connections. */
    public OriginPolicy originPolicy() {
        return originPolicy;
    }

    /** Who a request comes from, behind the proxies of {@code server.trusted-proxies}. */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    /** Takes a token from the node's bucket of new connections ({@code server.connect-throttling}). */
    public boolean admitNewConnection() {
        return newConnections.map(TokenBucket::tryAcquire).orElse(true);
    }

    /** The development issuer, when {@code dev-issuer.enabled} serves its endpoints. */
    public Optional<DevIssuer> devIssuer() {
        return authorizers.servedDevIssuer();
    }

    /** The stores shared state lives in. */
    public Engine engine() {
        return engine;
    }

    /** Who may call the management API. */
    public ManagementConfig management() {
        return config.management();
    }

    /** The {@code @connections} operations, for the management API. */
    public ConnectionService connectionService() {
        return connectionService;
    }

    /** The {@code @groups} operations, for the management API and the disconnect clean-up. */
    public GroupService groupService() {
        return groupService;
    }

    /** The connections store, presence, topics, queues, the pusher and users. */
    public Realtime realtime() {
        return realtime;
    }

    /** The largest message any API accepts, which bounds the body of a management request. */
    public int largestMessageBytes() {
        return apis.values().stream().mapToInt(a -> a.limits().messageBytes()).max().orElse(0);
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public AccessLog accessLog() {
        return accessLog;
    }

    /** The APIs' plain HTTP routes ({@code http-routes}). */
    public HttpRouteCalls httpRoutes() {
        return httpRoutes;
    }

    /** The directories of {@code server.static}. */
    public StaticFiles staticFiles() {
        return staticFiles;
    }

    /** From now on, upgrades still inside {@code $connect} are refused with 503. */
    public void stopping() {
        stopping = true;
    }

    /** Whether the server is stopping. */
    public boolean isStopping() {
        return stopping;
    }

    /** Waits up to {@code timeout} for integration calls under way ({@code $disconnect} included). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return work.awaitIdle(timeout);
    }

    @Override
    public void close() {
        realtime.close();
        integrations.shutdown(Duration.ofSeconds(1));
        staticFiles.close();
        authorizers.close();
        engine.close();
        timers.shutdownNow();
        accessLog.close(); // last: the $disconnect lines of the connections just closed
    }
}
