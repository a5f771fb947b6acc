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

    private final ConcurrentHashMap<Key, UserPresence> users = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Optional<UserPresence>> update(String stage, String userId, PresenceStatus status,
                                                          long at) {
        UserPresence[] changed = new UserPresence[1];
        users.compute(new Key(stage, userId), (key, current) -> {
            PresenceStatus was = current == null ? PresenceStatus.OFFLINE : current.status();
            if (was == status) {
                return current;
            }
            changed[0] = new UserPresence(userId, status, at);
            return changed[0];
        });
        return CompletableFuture.completedFuture(Optional.ofNullable(changed[0]));
    }

    @Override
    public CompletionStage<Optional<UserPresence>> get(String stage, String userId) {
        return CompletableFuture.completedFuture(Optional.ofNullable(users.get(new Key(stage, userId))));
    }

    @Override
    public CompletionStage<Set<String>> online(String stage) {
        return CompletableFuture.completedFuture(users.entrySet().stream()
                .filter(e -> e.getKey().stage().equals(stage) && e.getValue().status() == PresenceStatus.ONLINE)
                .map(e -> e.getKey().userId())
                .collect(Collectors.toUnmodifiableSet()));
    }

    @Override
    public CompletionStage<Void> forgetIfOffline(String stage, String userId) {
        users.computeIfPresent(new Key(stage, userId), (key, p) -> p.status() == PresenceStatus.OFFLINE ? null : p);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Integer> forgetOffline(String stage, long before) {
        int[] forgotten = new int[1];
        users.forEach((key, presence) -> {
            if (key.stage().equals(stage) && presence.status() == PresenceStatus.OFFLINE && presence.since() < before
                    && users.remove(key, presence)) {
                forgotten[0]++;
            }
        });
        return CompletableFuture.completedFuture(forgotten[0]);
    }
}
