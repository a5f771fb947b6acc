package io.switchboard.presence;

import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Presence records in this process, one {@code compute} per update. Thread-safe. */
public final class InMemoryPresenceStore implements PresenceStore {
    private record Key(String stage, String userId) {
    }

    /** A user's presence and the sequence of the last change applied to it. */
    private record Entry(UserPresence presence, long sequence) {
    }

    private final ConcurrentHashMap<Key, Entry> users = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Optional<UserPresence>> update(String stage, String userId, PresenceStatus status,
                                                          long at, long sequence) {
        UserPresence[] changed = new UserPresence[1];
        users.compute(new Key(stage, userId), (key, current) -> {
            if (current != null && sequence <= current.sequence()) {
                return current;
            }
            PresenceStatus was = current == null ? PresenceStatus.OFFLINE : current.presence().status();
            if (was == status) {
                return current == null ? null : new Entry(current.presence(), sequence);
            }
            changed[0] = new UserPresence(userId, status, at);
            return new Entry(changed[0], sequence);
        });
        return CompletableFuture.completedFuture(Optional.ofNullable(changed[0]));
    }

    @Override
    public CompletionStage<Optional<UserPresence>> get(String stage, String userId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(users.get(new Key(stage, userId)))
                .map(Entry::presence));
    }

    @Override
    public CompletionStage<Set<String>> online(String stage) {
        return CompletableFuture.completedFuture(users.entrySet().stream()
                .filter(e -> e.getKey().stage().equals(stage)
                        && e.getValue().presence().status() == PresenceStatus.ONLINE)
                .map(e -> e.getKey().userId())
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public CompletionStage<Void> forgetIfOffline(String stage, String userId) {
        users.computeIfPresent(new Key(stage, userId), (key, e) -> e.presence().status() == PresenceStatus.OFFLINE ? null : e);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Integer> forgetOffline(String stage, long before) {
        int[] forgotten = new int[1];
        users.forEach((key, entry) -> {
            UserPresence presence = entry.presence();
            if (key.stage().equals(stage) && presence.status() == PresenceStatus.OFFLINE && presence.since() < before
                    && users.remove(key, entry)) {
                forgotten[0]++;
            }
        });
        return CompletableFuture.completedFuture(forgotten[0]);
    }
}
