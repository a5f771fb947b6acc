package io.switchboard.presence;

import io.switchboard.config.PresenceConfig;
import io.switchboard.connections.ConnectionChange;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import io.switchboard.json.Json;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SUMU's presence watchdog: turns connection changes into presence events. A user goes ONLINE when a connection of
 * theirs is added to a store where they had none, and OFFLINE when the last one is removed (closed, pruned as gone,
 * or expired); with several devices only the first and the last count. The {@link PresenceStore} makes each
 * transition happen once; the events of one user are published one after the other, in the order of the changes,
 * each only once the previous one has been accepted by its topic or queue. A connection that is its own user (no
 * identity) is forgotten once it went OFFLINE, so that anonymous churn leaves no last-seen records behind.
 */
public final class PresenceWatchdog {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceWatchdog.class);

    /** The {@code source} attribute of presence events. */
    public static final String SOURCE = UserPresence.EVENT_SOURCE;

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
    private final KeyedSequencer<UserKey> perUser = new KeyedSequencer<>();

    public PresenceWatchdog(PresenceStore store, Map<String, PresenceConfig> configByStage, Sink sink, Clock clock) {
        this.store = store;
        this.configByStage = Map.copyOf(configByStage);
        this.sink = sink;
        this.clock = clock;
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
                .thenCompose(updated -> updated.isPresent() ? publish(stage, updated.get())
                        : CompletableFuture.completedFuture(null))
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
