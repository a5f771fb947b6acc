package io.switchboard;

import io.switchboard.config.ApiConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.ConnectionsConfig;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.PresenceConfig;
import io.switchboard.config.QueueConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.config.TopicConfig;
import io.switchboard.connections.Connection;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.ConnectionTracker;
import io.switchboard.connections.Delivery;
import io.switchboard.connections.NodeCommand;
import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineListener;
import io.switchboard.groups.GroupService;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.TopicMessage;
import io.switchboard.inprocess.InProcessServices;
import io.switchboard.integration.Integration;
import io.switchboard.integration.Integrations;
import io.switchboard.integration.RouteMessaging;
import io.switchboard.notify.Pusher;
import io.switchboard.notify.PusherConsumer;
import io.switchboard.presence.PresenceWatchdog;
import io.switchboard.queues.ConsumerOptions;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueService;
import io.switchboard.topics.TopicService;
import io.switchboard.users.UserService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real-time stack of every API, wired together and to the engine: the connections store kept in step with the
 * connections, presence, queues and their consumers, topics and their subscribers, the pusher and users. It is the
 * engine's listener. Built once by the gateway; {@link #start} before serving, {@link #close} after.
 */
public final class Realtime implements EngineListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Realtime.class);
    private final Engine engine;
    private final ScheduledExecutorService timers;
    private final ConnectionTracker tracker;
    private final Delivery delivery;
    private final PresenceWatchdog presence;
    private final QueueService queues;
    private final TopicService topics;
    private final Pusher pusher;
    private final UserService users;
    private final Map<String, InProcessServices> services;
    private final Duration housekeeping;
    private final List<PlannedConsumer> planned = new ArrayList<>();
    private final List<Consumer<ConnectionChange>> changeListeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> housekeepingTask;

    /** A consumer the configuration asks for, started by {@link #start}. */
    private record PlannedConsumer(String stage, String queue, ConsumerOptions options, QueueHandler handler) {
    }

    /**
     * Builds the stack; handler classes that topics and consumers name are created here.
     *
     * @throws ConfigException when a handler class cannot be used
     */
    public Realtime(SwitchboardConfig config, Engine engine, Clock clock, ScheduledExecutorService timers,
                    ConnectionService connections, GroupService groups, Integrations integrations) {
        List<ConfigProblem> classes = ConfigChecks.subscriberProblems(config, integrations.handlers());
        if (!classes.isEmpty()) {
            throw new ConfigException(classes);
        }
        this.engine = engine;
        this.timers = timers;
        Map<String, ConnectionsConfig> connectionsByStage = new HashMap<>();
        Map<String, PresenceConfig> presenceByStage = new HashMap<>();
        Map<String, Map<String, TopicConfig>> topicsByStage = new HashMap<>();
        Map<String, Map<String, QueueConfig>> queueConfigs = new HashMap<>();
        for (ApiConfig api : config.apis()) {
            connectionsByStage.put(api.stage(), api.realtime().connections());
            presenceByStage.put(api.stage(), api.realtime().presence());
            topicsByStage.put(api.stage(), api.realtime().topics());
            queueConfigs.put(api.stage(), api.realtime().queues());
        }
        this.housekeeping = housekeepingInterval(connectionsByStage.values());
        this.delivery = connections.delivery();
        this.tracker = new ConnectionTracker(engine.connections(), engine.nodes().nodeId(), connectionsByStage,
                clock);
        this.queues = new QueueService(engine.queues(), queueConfigs, integrations.functionThreads(), timers);
        this.pusher = new Pusher(engine.connections(), connections);
        this.users = new UserService(engine.connections(), engine.presence(), pusher);
        Map<String, InProcessServices> services = new LinkedHashMap<>();
        for (ApiConfig api : config.apis()) {
            String stage = api.stage();
            services.put(stage, InProcessServices.of(stage, connections, groups, this::topics, queues, pusher, users));
        }
        this.services = Map.copyOf(services);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        List<ConfigProblem> problems = new ArrayList<>();
        this.topics = new TopicService(topicsByStage, queues, engine.topics(), pusher,
                (stage, className) -> create(() -> integrations.topicHandler(className, services.get(stage)),
                        problems, "topics", className), http,
                integrations.functionThreads(), timers, clock);
        this.presence = new PresenceWatchdog(engine.presence(), presenceByStage, presenceSink(presenceByStage),
                clock, timers);
        queueConfigs.forEach((stage, byName) -> byName.forEach((name, queue) -> queue.consumer().ifPresent(c -> {
            QueueHandler handler = c.pusher() ? new PusherConsumer(pusher, stage)
                    : create(() -> integrations.queueHandler(c.handler().orElseThrow(), name,
                            queue.visibilityTimeout(), services.get(stage)), problems, "queues." + name,
                            c.handler().orElseThrow());
            planned.add(new PlannedConsumer(stage, name, new ConsumerOptions(c.batchSize(),
                    c.maximumBatchingWindow(), c.concurrency()), handler));
        })));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Creates the queues, starts the engine's events and the configured consumers, and schedules housekeeping. */
    public void start() {
        queues.declareAll().toCompletableFuture().join();
        engine.start(this);
        planned.forEach(c -> queues.consume(c.stage(), c.queue(), c.options(), c.handler()));
        housekeepingTask = timers.scheduleWithFixedDelay(() -> {
            tracker.prune();
            presence.forgetOffline();
        }, housekeeping.toMillis(), housekeeping.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A connection opened ({@code connect} is its CONNECT event): it is recorded under its user. Event loop. */
    public void opened(Connection connection, RouteEvent connect) {
        tracker.opened(connection, connect);
    }

    /** A connection closed: its entry goes. Event loop. */
    public CompletionStage<Void> closed(Connection connection) {
        return tracker.closed(connection);
    }

    /** Builds a route's {@code topic} or {@code queue} integration. */
    public Integration integration(String stage, String routeKey, IntegrationConfig config) {
        if (config instanceof IntegrationConfig.Topic t) {
            return new RouteMessaging(stage, routeKey, t.message(), users,
                    (body, attributes) -> topics.publishInternal(stage, t.topic(), body, attributes));
        }
        IntegrationConfig.Queue q = (IntegrationConfig.Queue) config;
        return new RouteMessaging(stage, routeKey, q.message(), users,
                (body, attributes) -> queues.sendInternal(stage, q.queue(), new NewMessage(body, attributes,
                        q.delay())));
    }

    public QueueService queues() {
        return queues;
    }

    public TopicService topics() {
        return topics;
    }

    public Pusher pusher() {
        return pusher;
    }

    public UserService users() {
        return users;
    }

    /**
     * The services handlers of a stage reach in process (their {@code RouteContext}, and the constructor of topic
     * subscriber and queue consumer classes), by stage.
     */
    public Map<String, InProcessServices> services() {
        return services;
    }

    /** The presence watchdog (for tests that wait for it). */
    public PresenceWatchdog presence() {
        return presence;
    }

    /**
     * Registers a listener for the connections store's changes (INSERT when a connection is recorded under its user,
     * REMOVE when it goes), as the original stack's DynamoDB stream. In a cluster each node hears of the changes it
     * made (its own connections, and the expired entries it pruned), so the nodes together see every change once.
     * It is called on the engine's event thread, one user's changes in order, and must not block. Close the result
     * to remove it.
     */
    public AutoCloseable onConnectionChange(Consumer<ConnectionChange> listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    @Override
    public void connectionChanged(ConnectionChange change) {
        presence.changed(change);
        for (Consumer<ConnectionChange> listener : changeListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a connection change listener failed on {}", change, e);
            }
        }
    }

    @Override
    public void topicMessage(TopicMessage message) {
        topics.received(message);
    }

    @Override
    public void nodeCommand(NodeCommand command) {
        delivery.execute(command);
    }

    /** Stops consumers and housekeeping, and dead-letters topic deliveries still waiting for a retry. */
    @Override
    public void close() {
        if (housekeepingTask != null) {
            housekeepingTask.cancel(false);
        }
        queues.close();
        topics.close();
    }

    private PresenceWatchdog.Sink presenceSink(Map<String, PresenceConfig> presenceByStage) {
        Map<String, PresenceWatchdog.Sink> sinks = new LinkedHashMap<>();
        presenceByStage.forEach((stage, config) -> {
            if (config.topic().isPresent()) {
                sinks.put(stage, (s, body, attributes) -> topics.publishInternal(s, config.topic().get(), body,
                        attributes));
            } else if (config.queue().isPresent()) {
                sinks.put(stage, (s, body, attributes) -> queues.sendInternal(s, config.queue().get(),
                        NewMessage.of(body, attributes)));
            }
        });
        return (stage, body, attributes) -> {
            PresenceWatchdog.Sink sink = sinks.get(stage);
            return sink == null ? CompletableFuture.completedFuture(null) : sink.send(stage, body, attributes);
        };
    }

    /** An instance of a handler class; one that cannot be created is recorded as a problem (and null returned). */
    private static <T> T create(Supplier<T> creation, List<ConfigProblem> problems, String where,
                                String className) {
        try {
            return creation.get();
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(where + " handler " + className, e.getMessage())); // its constructor threw
            return null;
        }
    }

    /** A quarter of the shortest connections TTL, between 1 s and 1 min. */
    private static Duration housekeepingInterval(Collection<ConnectionsConfig> configs) {
        Duration shortest = configs.stream().map(ConnectionsConfig::ttl).min(Duration::compareTo)
                .orElse(Duration.ofHours(2));
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : quarter.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : quarter;
    }

    /** The shared timer thread: long-poll deadlines, retries, batching windows, housekeeping. */
    public static ScheduledExecutorService newTimers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(
                1, r -> {
                    Thread t = new Thread(r, "switchboard-timer");
                    t.setDaemon(true);
                    return t;
                });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return timers;
    }
}
