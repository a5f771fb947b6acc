package io.switchboard.engine;

import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.InMemoryConnectionStore;
import io.switchboard.groups.GroupStore;
import io.switchboard.groups.InMemoryGroupStore;
import io.switchboard.presence.InMemoryPresenceStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.InMemoryQueueStore;
import io.switchboard.queues.QueueStore;
import io.switchboard.throttle.InMemoryQuotaStore;
import io.switchboard.throttle.QuotaStore;
import io.switchboard.topics.InMemoryTopicBus;
import io.switchboard.topics.TopicBus;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every store in this process ({@code engine.type: memory}, the default): nothing to set up. Events go out on one
 * thread, {@code switchboard-engine-events}, in the order the stores produced them.
 *
 * <p>Its limit: it serves <b>one process</b>. Nothing is shared with other nodes, so two gateways behind a load
 * balancer each see only their own connections, groups, presence, topics, queues and quota counters; and everything
 * lives in memory, so <b>messages still in queues are lost when the process stops</b> (as are the rest of the state
 * and the counters). A cluster of nodes needs an engine that keeps state outside the process.
 */
public final class MemoryEngine implements Engine {
    /** How often queue messages past their retention that nobody received are dropped. */
    private static final long SWEEP_SECONDS = 30;

    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "switchboard-engine-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<EngineListener> listener = new AtomicReference<>(EngineListener.NONE);
    private final GroupStore groups = new InMemoryGroupStore();
    private final QuotaStore quotas = new InMemoryQuotaStore();
    private final ConnectionStore connections = new InMemoryConnectionStore(events,
            change -> listener.get().connectionChanged(change));
    private final PresenceStore presence = new InMemoryPresenceStore();
    private final TopicBus topics = new InMemoryTopicBus(events, message -> listener.get().topicMessage(message));
    private final InMemoryQueueStore queues;
    private final ScheduledFuture<?> sweeping;

    /** An empty engine; its retention sweep runs on the context's timers. */
    public MemoryEngine(EngineContext context) {
        this.queues = new InMemoryQueueStore(context.clock(), context.timers());
        this.sweeping = context.timers().scheduleWithFixedDelay(queues::sweep, SWEEP_SECONDS, SWEEP_SECONDS,
                TimeUnit.SECONDS);
    }

    @Override
    public GroupStore groups() {
        return groups;
    }

    @Override
    public QuotaStore quotas() {
        return quotas;
    }

    @Override
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public PresenceStore presence() {
        return presence;
    }

    @Override
    public TopicBus topics() {
        return topics;
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    /** Events produced before this call are dropped; a second call is ignored. */
    @Override
    public void start(EngineListener eventListener) {
        listener.compareAndSet(EngineListener.NONE, eventListener);
    }

    @Override
    public void close() {
        sweeping.cancel(false);
        events.shutdown(); // events already produced are still delivered
        try {
            events.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
