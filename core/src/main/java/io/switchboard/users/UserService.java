package io.switchboard.users;

import io.switchboard.connections.ConnectionCounts;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.connections.ConnectionStore;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.PushStats;
import io.switchboard.handler.UserPresence;
import io.switchboard.notify.Pusher;
import io.switchboard.presence.PresenceStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Connections by user, shared by the HTTP API ({@code @users}), the in-process API and route integrations: who is
 * connected, with which connections, since when, and sending to every connection of a user. Any thread.
 */
public final class UserService {
    private final ConnectionStore store;
    private final PresenceStore presence;
    private final Pusher pusher;

    public UserService(ConnectionStore store, PresenceStore presence, Pusher pusher) {
        this.store = store;
        this.presence = presence;
        this.pusher = pusher;
    }

    /** The distinct users with at least one connection. */
    public CompletionStage<Set<String>> connected(String stage) {
        return store.users(stage);
    }

    /** How many connections and users the stage has. */
    public CompletionStage<ConnectionCounts> counts(String stage) {
        return store.counts(stage);
    }

    /** A user's connections, oldest first. */
    public CompletionStage<List<ConnectionRecord>> connectionsOf(String stage, String userId) {
        return store.connectionsOf(stage, userId);
    }

    /** The user of an open connection. */
    public CompletionStage<Optional<String>> userOf(String stage, String connectionId) {
        return store.find(stage, connectionId).thenApply(r -> r.map(ConnectionRecord::userId));
    }

    /** A user's presence: ONLINE since, or OFFLINE since last seen ({@code since} 0 for a user never seen). */
    public CompletionStage<UserPresence> presence(String stage, String userId) {
        return presence.get(stage, userId)
                .thenApply(p -> p.orElseGet(() -> new UserPresence(userId, PresenceStatus.OFFLINE, 0)));
    }

    /** Sends a message to every connection of a user: 413 over the API's message limit. */
    public CompletionStage<PushStats> post(String stage, String userId, OutboundMessage message) {
        return pusher.deliver(stage, Set.of(userId), Set.of(), message);
    }
}
