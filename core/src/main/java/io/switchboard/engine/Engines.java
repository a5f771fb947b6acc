package io.switchboard.engine;

import io.switchboard.config.EngineConfig;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.InMemoryConnectionStore;
import io.switchboard.groups.GroupStore;
import io.switchboard.groups.InMemoryGroupStore;
import io.switchboard.throttle.InMemoryQuotaStore;
import io.switchboard.throttle.QuotaStore;
import io.switchboard.presence.InMemoryPresenceStore;
import io.switchboard.presence.PresenceStore;
import io.switchboard.queues.InMemoryQueueStore;
import io.switchboard.queues.QueueStore;
import io.switchboard.topics.InMemoryTopicBus;
import io.switchboard.topics.TopicBus;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The one place that picks the engine from configuration. */
public final class Engines {
    /** How often the memory engine drops queue messages past their retention that nobody received. */
    private static final long SWEEP_SECONDS = 30;

    private Engines() {
    }

    /**
     * The engine {@code engine.type} names; {@code memory} keeps everything in this process.
     *
     * @param clock  the time stores stamp and compare with
     * @param timers the gateway's timer thread, for long polls and housekeeping; the engine does not shut it down
     */
    public static Engine create(EngineConfig config, Clock clock, ScheduledExecutorService timers) {
        if (!config.type().equals("memory")) {
            throw new IllegalArgumentException("unknown engine type " + config.type());
        }
        return new MemoryEngine(clock, timers);
    }

    /**
     * Everything in this process: nothing to set up, nothing shared with other nodes. Events go out on one thread,
     * in the order the stores produced them.
     */
    private static final class MemoryEngine implements Engine {
        private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "switchboard-engine-events");
            t.setDaemon(true);
            return t;
        });
        private volatile EngineListener listener = EngineListener.NONE;
        private final GroupStore groups = new InMemoryGroupStore();
        private final QuotaStore quotas = new InMemoryQuotaStore();
        private final ConnectionStore connections = new InMemoryConnectionStore(events,
                change -> listener.connectionChanged(change));
        private final PresenceStore presence = new InMemoryPresenceStore();
        private final TopicBus topics = new InMemoryTopicBus(events, message -> listener.topicMessage(message));
        private final InMemoryQueueStore queues;
        private final ScheduledFuture<?> sweeping;

        MemoryEngine(Clock clock, ScheduledExecutorService timers) {
            this.queues = new InMemoryQueueStore(clock, timers);
            this.sweeping = timers.scheduleWithFixedDelay(queues::sweep, SWEEP_SECONDS, SWEEP_SECONDS,
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

        @Override
        public void start(EngineListener eventListener) {
            listener = eventListener;
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
}
