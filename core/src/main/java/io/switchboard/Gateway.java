package io.switchboard;

import io.switchboard.config.ApiConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.ManagementConfig;
import io.switchboard.config.ServerConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.connections.BlockingConnections;
import io.switchboard.connections.ConnectionRegistry;
import io.switchboard.connections.ConnectionService;
import io.switchboard.engine.Engine;
import io.switchboard.engine.Engines;
import io.switchboard.groups.BlockingGroups;
import io.switchboard.groups.GroupService;
import io.switchboard.integration.HandlerServices;
import io.switchboard.integration.Integrations;
import io.switchboard.observability.AccessLog;
import io.switchboard.observability.AccessLogSink;
import io.switchboard.observability.StdoutAccessLogSink;
import io.switchboard.notify.BlockingNotifications;
import io.switchboard.queues.BlockingQueues;
import io.switchboard.realtime.Realtime;
import io.switchboard.routing.Dispatcher;
import io.switchboard.routing.StageApi;
import io.switchboard.routing.WorkTracker;
import io.switchboard.topics.BlockingTopics;
import io.switchboard.users.BlockingUsers;
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
    private final Map<String, HandlerServices> handlerServices;
    private final AccessLog accessLog;
    private final WorkTracker work = new WorkTracker();
    private final Dispatcher dispatcher;
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
        this.accessLog = new AccessLog(switch (config.server().accessLog()) {
            case STDOUT -> new StdoutAccessLogSink(System.out, 100);
            case LOGGER -> AccessLogSink.logger();
            case OFF -> AccessLogSink.OFF;
        });
        this.groupService = new GroupService(engine.groups(), connectionService);
        Map<String, HandlerServices> services = new LinkedHashMap<>();
        for (String stage : apis.keySet()) {
            services.put(stage, new HandlerServices(new BlockingConnections(connectionService, stage),
                    new BlockingGroups(groupService, stage), new BlockingTopics(realtime.topics(), stage),
                    new BlockingQueues(realtime.queues(), stage), new BlockingNotifications(realtime.pusher(), stage),
                    new BlockingUsers(realtime.users(), stage)));
        }
        this.handlerServices = Map.copyOf(services);
        this.dispatcher = new Dispatcher(accessLog, work, handlerServices::get);
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
        Engine engine = Engines.create(config.engine(), clock, timers);
        Realtime realtime = null;
        try {
            Map<String, Integer> messageBytes = new LinkedHashMap<>();
            config.apis().forEach(api -> messageBytes.put(api.stage(), api.limits().messageBytes()));
            ConnectionRegistry registry = new ConnectionRegistry();
            ConnectionService connectionService = new ConnectionService(registry,
                    stage -> messageBytes.getOrDefault(stage, 0));
            realtime = new Realtime(config, engine, clock, timers, connectionService, integrations);
            Map<String, StageApi> apis = new LinkedHashMap<>();
            List<ConfigProblem> problems = new ArrayList<>();
            for (int i = 0; i < config.apis().size(); i++) {
                ApiConfig api = config.apis().get(i);
                try {
                    apis.put(api.stage(), StageApi.build(api, i, integrations, realtime::integration));
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            realtime.start();
            return new Gateway(config, integrations, engine, Map.copyOf(apis),
                    new Parts(registry, connectionService, timers, realtime));
        } catch (RuntimeException e) {
            if (realtime != null) {
                realtime.close();
            }
            integrations.close();
            engine.close();
            timers.shutdownNow();
            throw e;
        }
    }

    /** What {@link #create} builds before the gateway itself. */
    private record Parts(ConnectionRegistry registry, ConnectionService connectionService,
                         ScheduledExecutorService timers, Realtime realtime) {
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
        engine.close();
        timers.shutdownNow();
        accessLog.close(); // last: the $disconnect lines of the connections just closed
    }
}
