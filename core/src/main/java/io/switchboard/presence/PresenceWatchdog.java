package io.switchboard.presence;

import io.switchboard.config.PresenceConfig;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import io.switchboard.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUMU's presence watchdog: turns connection changes into presence events. A user goes ONLINE when a connection of
 * theirs is added to a store where they had none, and OFFLINE when the last one is removed (closed, pruned as gone,
 * or expired); with several devices only the first and the last count. The {@link PresenceStore} makes each
 * transition happen once; the events of one user are published one after the other, in the order of the changes,
 * each only once the previous one has been accepted by its topic or queue. In a cluster the transitions of one user
 * may be made by different nodes: a node whose transition comes before the previous one's event was published waits
 * for it ({@link PresenceStore#published}), up to {@link #TURN_WAIT}, so the order holds across nodes too (a node that
 * died before publishing holds the next one back for that long, no longer). A connection that is its own user (no
 * identity) is forgotten once it went OFFLINE, so that anonymous churn leaves no last-seen records behind.
 */
public final class PresenceWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceWatchdog.class);

    /** The {@code source} attribute of presence events. */
    public static final String SOURCE = UserPresence.EVENT_SOURCE;

    /** The longest a transition waits for the event of the one before it, published by another node. */
    public static final Duration TURN_WAIT = Duration.ofSeconds(2);
    private static final long TURN_POLL_MILLIS = 10;

    /** Where a stage's presence events go: its topic or queue. */
    @FunctionalInterface
    public interface Sink {
        CompletionStage<?> send(String stage, String body, Map<String, String> attributes);
    }

    private record UserKey(String stage, String userId) {
    }

    private final PresenceStore store;
    private final Map<String, PresenceConfig> configByStage;
    private final Sink sink;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final KeyedSequencer<UserKey> perUser = new KeyedSequencer<>();

    /** @param timers where a transition waiting for its turn checks again */
    public PresenceWatchdog(PresenceStore store, Map<String, PresenceConfig> configByStage, Sink sink, Clock clock,
                            ScheduledExecutorService timers) {
        this.store = store;
        this.configByStage = Map.copyOf(configByStage);
        this.sink = sink;
        this.clock = clock;
        this.timers = timers;
    }

    /** A change of the connections store; changes of one user arrive in order. Never blocks. */
    public void changed(ConnectionChange change) {
        PresenceStatus status;
        if (change.type() == ConnectionChange.Type.INSERT) {
            status = PresenceStatus.ONLINE;
        } else if (change.userConnections() == 0) {
            status = PresenceStatus.OFFLINE;
        } else {
            return;
        }
        String stage = change.stage();
        String user = change.userId();
        long at = clock.millis();
        // A connection without a user of its own is its own user: once it has gone there is nobody to remember.
        boolean anonymous = user.equals(change.record().connectionId());
        perUser.submit(new UserKey(stage, user), () -> store.update(stage, user, status, at, change.sequence())
                .thenCompose(updated -> updated.isEmpty() ? CompletableFuture.completedFuture(null)
                        : anonymous ? publish(stage, updated.get().presence()).thenApply(done -> null)
                        : publishInTurn(stage, updated.get()).thenApply(done -> null))
                .thenCompose(published -> anonymous && status == PresenceStatus.OFFLINE
                        ? store.forgetIfOffline(stage, user) : CompletableFuture.completedFuture(null))
                .whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.warn("presence {} of user {} in {} could not be published", status, user, stage, error);
                    }
                }));
    }

    /** Forgets offline users whose {@code presence.offline-ttl} has passed; called periodically. */
    public CompletionStage<Void> forgetOffline() {
        long now = clock.millis();
        CompletableFuture<?>[] all = configByStage.entrySet().stream()
                .map(e -> store.forgetOffline(e.getKey(), now - e.getValue().offlineTtl().toMillis())
                        .toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    /** Users whose events are still on their way (for tests and shutdown). */
    public int pending() {
        return perUser.pending();
    }

    /**
     * Publishes once the event before it is out (or {@link #TURN_WAIT} passed), then lets the next one go. (An
     * anonymous user has one connection, so one node makes all its transitions, in order: it needs no turns.)
     */
    private CompletionStage<?> publishInTurn(String stage, PresenceChange change) {
        String user = change.presence().userId();
        CompletionStage<Void> turn = change.inTurn() ? CompletableFuture.completedFuture(null)
                : awaitTurn(stage, user, change.version(), System.nanoTime() + TURN_WAIT.toNanos());
        return turn.thenCompose(ready -> publish(stage, change.presence()))
                .handle((published, error) -> error) // a failed publication must not hold the next one back
                .thenCompose(error -> store.published(stage, user, change.version()).thenApply(done -> {
                    if (error != null) {
                        throw error instanceof java.util.concurrent.CompletionException c ? c
                                : new java.util.concurrent.CompletionException(error);
                    }
                    return done;
                }));
    }

    private CompletionStage<Void> awaitTurn(String stage, String user, long version, long deadline) {
        return store.lastPublished(stage, user).thenCompose(last -> {
            if (last >= version - 1) {
                return CompletableFuture.completedFuture(null);
            }
            if (System.nanoTime() - deadline >= 0) {
                LOG.info("presence event {} of user {} in {} goes out without event {}: its node did not publish it "
                        + "within {}", version, user, stage, version - 1, TURN_WAIT);
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> later = new CompletableFuture<>();
            try {
                timers.schedule(() -> awaitTurn(stage, user, version, deadline).whenComplete((ok, e) -> {
                    if (e != null) {
                        later.completeExceptionally(e);
                    } else {
                        later.complete(null);
                    }
                }), TURN_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) { // stopping: publish without waiting
                later.complete(null);
            }
            return later;
        });
    }

    private CompletionStage<?> publish(String stage, UserPresence presence) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("source", SOURCE);
        attributes.put("user_id", presence.userId());
        attributes.put("timestamp", Long.toString(presence.since()));
        return sink.send(stage, event(presence), attributes);
    }

    /** {@code {"type":"presence","message":{"user_id":…,"status":…,"timestamp":…}}}, SUMU's event. */
    public static String event(UserPresence presence) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("user_id", presence.userId());
        message.put("status", presence.status().name());
        message.put("timestamp", presence.since());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "presence");
        event.put("message", message);
        return Json.MAPPER.writeValueAsString(event);
    }
}
