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

    /**
     * A user's presence, the sequence of the last change applied to it, its transitions so far and the last one
     * whose event was published.
     */
    private record Entry(UserPresence presence, long sequence, long version, long published) {
    }

    private final ConcurrentHashMap<Key, Entry> users = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Optional<PresenceChange>> update(String stage, String userId, PresenceStatus status,
                                                            long at, long sequence) {
        PresenceChange[] changed = new PresenceChange[1];
        users.compute(new Key(stage, userId), (key, current) -> {
            if (current != null && sequence <= current.sequence()) {
                return current;
            }
            PresenceStatus was = current == null ? PresenceStatus.OFFLINE : current.presence().status();
            if (was == status) {
                return current == null ? null
                        : new Entry(current.presence(), sequence, current.version(), current.published());
            }
            long version = current == null ? 1 : current.version() + 1;
            long published = current == null ? 0 : current.published();
            changed[0] = new PresenceChange(new UserPresence(userId, status, at), version, published);
            return new Entry(changed[0].presence(), sequence, version, published);
        });
        return CompletableFuture.completedFuture(Optional.ofNullable(changed[0]));
    }

    @Override
    public CompletionStage<Void> published(String stage, String userId, long version) {
        users.computeIfPresent(new Key(stage, userId), (key, e) -> version <= e.published() ? e
                : new Entry(e.presence(), e.sequence(), e.version(), version));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Long> lastPublished(String stage, String userId) {
        Entry entry = users.get(new Key(stage, userId));
        return CompletableFuture.completedFuture(entry == null ? 0L : entry.published());
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
