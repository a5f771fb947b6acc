package io.switchboard.groups;

import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.Delivery;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.Groups;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rooms, shared by the HTTP API ({@code @groups}) and the in-process API: membership in the engine's
 * {@link GroupStore}, fan-out by {@link LocalFanOut}. Failures are {@link GatewayException}s. Any thread.
 */
public final class GroupService {
    private static final int MAX_NAME_LENGTH = 256;

    private final GroupStore store;
    private final ConnectionService connections;
    private final Delivery delivery;

    public GroupService(GroupStore store, ConnectionService connections) {
        this.store = store;
        this.connections = connections;
        this.delivery = connections.delivery();
    }

    /**
     * Adds an open connection of the stage (on any node) to a group: 410 if it is gone, 400 for a bad name.
     */
    public CompletionStage<Void> join(String stage, String group, String connectionId) {
        try {
            checkName(group);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return whenOpen(stage, connectionId, () -> store.add(stage, group, connectionId)).thenCompose(added ->
                // The connection may have closed while the store was adding it, after its disconnect cleaned up.
                whenOpen(stage, connectionId, () -> CompletableFuture.<Void>completedFuture(null))
                        .exceptionallyCompose(gone -> store.remove(stage, group, connectionId)
                                .thenCompose(removed -> CompletableFuture.failedFuture(gone))));
    }

    /** Runs {@code next} if the connection is open here or recorded on another node; fails with 410 if not. */
    private <T> CompletionStage<T> whenOpen(String stage, String connectionId,
                                            java.util.function.Supplier<CompletionStage<T>> next) {
        if (connections.find(stage, connectionId).isPresent()) {
            return next.get();
        }
        return delivery.exists(stage, connectionId).thenCompose(open -> open ? next.get()
                : CompletableFuture.failedFuture(gone(connectionId)));
    }

    /**
     * Joins unless the group holds {@code capacity} members already, and sends the announcement to the members who were
     * there before (those who join later find the newcomer among their own others): 410, 400, 413 as for
     * {@link #join(String, String, String)} and {@link #post}.
     */
    public CompletionStage<Groups.Joined> join(String stage, String group, String connectionId, int capacity,
                                               Optional<OutboundMessage> announcement) {
        try {
            checkName(group);
            if (capacity < 0) {
                throw GatewayException.of(GatewayError.BAD_REQUEST, "a group's capacity cannot be negative");
            }
            if (announcement.isPresent()) {
                connections.checkSize(stage, announcement.get());
            }
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return whenOpen(stage, connectionId, () -> store.join(stage, group, connectionId, capacity)).thenCompose(
                joined -> {
                    if (joined.outcome() != Groups.JoinOutcome.JOINED) {
                        return CompletableFuture.completedFuture(new Groups.Joined(joined.outcome(),
                                joined.others(), NOBODY));
                    }
                    // Closed while joining: its clean-up ran already, so the membership must go again.
                    return whenOpen(stage, connectionId, () -> announce(stage, joined.others(), connectionId,
                            announcement).thenApply(told -> new Groups.Joined(joined.outcome(), joined.others(), told)))
                            .exceptionallyCompose(gone -> store.remove(stage, group, connectionId)
                                    .thenCompose(removed -> CompletableFuture.failedFuture(gone)));
                });
    }

    private CompletionStage<Groups.FanOut> announce(String stage, Set<String> others, String newcomer,
                                                    Optional<OutboundMessage> announcement) {
        if (announcement.isEmpty()) {
            return CompletableFuture.completedFuture(NOBODY);
        }
        return delivery.fanOut(stage, others, Set.of(newcomer), announcement.get())
                .thenApply(result -> new Groups.FanOut(result.delivered(), result.gone()));
    }

    private static final Groups.FanOut NOBODY = new Groups.FanOut(0, 0);

    private static GatewayException gone(String connectionId) {
        return GatewayException.of(GatewayError.GONE, "connection " + connectionId + " is gone");
    }

    /** Removes a member; a non-member or an unknown connection is not an error. */
    public CompletionStage<Void> leave(String stage, String group, String connectionId) {
        try {
            checkName(group);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.remove(stage, group, connectionId);
    }

    public CompletionStage<Set<String>> members(String stage, String group) {
        try {
            checkName(group);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.members(stage, group);
    }

    /** The groups of the stage a connection is in (still listed during its {@code $disconnect}). */
    public CompletionStage<Set<String>> groupsOf(String stage, String connectionId) {
        return store.groupsOf(stage, connectionId);
    }

    /**
     * Sends to every member but the excluded: 413 over the stage's message limit. Members without an open
     * connection (one inside its {@code $disconnect}, say) count as gone.
     */
    public CompletionStage<Groups.FanOut> post(String stage, String group, OutboundMessage message,
                                               Set<String> exclude) {
        try {
            checkName(group);
            connections.checkSize(stage, message);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.members(stage, group).thenCompose(members -> delivery.fanOut(stage, members, exclude, message))
                .thenApply(result -> new Groups.FanOut(result.delivered(), result.gone()));
    }

    /**
     * Sends from a member to the other members, empty when the sender is not one: 413 over the stage's message
     * limit. The membership check and the fan-out read the group once.
     */
    public CompletionStage<Optional<Groups.FanOut>> postFrom(String stage, String group, String sender,
                                                             OutboundMessage message) {
        try {
            checkName(group);
            connections.checkSize(stage, message);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return store.members(stage, group).thenCompose(members -> !members.contains(sender)
                ? CompletableFuture.completedFuture(Optional.<Groups.FanOut>empty())
                : delivery.fanOut(stage, members, Set.of(sender), message)
                        .thenApply(result -> Optional.of(new Groups.FanOut(result.delivered(), result.gone()))));
    }

    /** A connection closed: it leaves every group of its stage. */
    public CompletionStage<Void> disconnected(String stage, String connectionId) {
        return store.removeEverywhere(stage, connectionId);
    }

    /** Group names: 1 to 256 printable characters, no {@code /}. */
    static void checkName(String group) {
        if (group.isEmpty() || group.length() > MAX_NAME_LENGTH) {
            throw GatewayException.of(GatewayError.BAD_REQUEST, "a group name has 1 to " + MAX_NAME_LENGTH
                    + " characters");
        }
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '/' || Character.isISOControl(c)) {
                throw GatewayException.of(GatewayError.BAD_REQUEST, "a group name may not contain '/' or control "
                        + "characters");
            }
        }
    }
}
