package io.switchboard.groups;

import io.switchboard.handler.Groups.JoinOutcome;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group membership in this process. Two indexes (group → members, connection → groups) make a disconnect cost the
 * number of groups the connection was in, not the number of groups. Thread-safe; an empty group takes no memory.
 */
public final class InMemoryGroupStore implements GroupStore {
    private record GroupKey(String stage, String group) {
    }

    private record MemberKey(String stage, String connectionId) {
    }

    private final ConcurrentHashMap<GroupKey, Set<String>> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<MemberKey, Set<String>> groupsOf = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Void> add(String stage, String group, String connectionId) {
        MemberKey member = new MemberKey(stage, connectionId);
        // compute() holds the connection's entry while both indexes change, so add and removeEverywhere of one
        // connection never interleave.
        groupsOf.compute(member, (k, groups) -> {
            Set<String> g = groups == null ? ConcurrentHashMap.newKeySet() : groups;
            g.add(group);
            members.compute(new GroupKey(stage, group), (x, set) -> { // atomic with leave()'s removal of empty sets
                Set<String> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                s.add(connectionId);
                return s;
            });
            return g;
        });
        return done();
    }

    @Override
    public CompletionStage<Joined> join(String stage, String group, String connectionId, int capacity) {
        MemberKey member = new MemberKey(stage, connectionId);
        Joined[] joined = new Joined[1];
        // As add(): the connection's entry, then the group's; the group's compute() is the atomic step.
        groupsOf.compute(member, (k, groups) -> {
            Set<String> g = groups == null ? ConcurrentHashMap.newKeySet() : groups;
            members.compute(new GroupKey(stage, group), (x, set) -> {
                Set<String> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                boolean already = s.contains(connectionId);
                Set<String> others = new HashSet<>(s);
                others.remove(connectionId);
                if (already) {
                    joined[0] = new Joined(JoinOutcome.ALREADY_MEMBER, Set.copyOf(others));
                } else if (others.size() >= capacity) {
                    joined[0] = new Joined(JoinOutcome.FULL, Set.copyOf(others));
                } else {
                    s.add(connectionId);
                    joined[0] = new Joined(JoinOutcome.JOINED, Set.copyOf(others));
                }
                return s.isEmpty() ? null : s;
            });
            if (joined[0].outcome() != JoinOutcome.FULL) {
                g.add(group);
            }
            return g.isEmpty() ? null : g;
        });
        return CompletableFuture.completedFuture(joined[0]);
    }

    @Override
    public CompletionStage<Void> remove(String stage, String group, String connectionId) {
        groupsOf.computeIfPresent(new MemberKey(stage, connectionId), (k, groups) -> {
            groups.remove(group);
            leave(new GroupKey(stage, group), connectionId);
            return groups.isEmpty() ? null : groups;
        });
        return done();
    }

    @Override
    public CompletionStage<Set<String>> members(String stage, String group) {
        Set<String> current = members.get(new GroupKey(stage, group));
        return CompletableFuture.completedFuture(current == null ? Set.of() : Set.copyOf(current));
    }

    @Override
    public CompletionStage<Set<String>> groupsOf(String stage, String connectionId) {
        Set<String> current = groupsOf.get(new MemberKey(stage, connectionId));
        return CompletableFuture.completedFuture(current == null ? Set.of() : Set.copyOf(current));
    }

    @Override
    public CompletionStage<Void> removeEverywhere(String stage, String connectionId) {
        groupsOf.computeIfPresent(new MemberKey(stage, connectionId), (k, groups) -> {
            for (String group : groups) {
                leave(new GroupKey(stage, group), connectionId);
            }
            return null;
        });
        return done();
    }

    private void leave(GroupKey key, String connectionId) {
        members.computeIfPresent(key, (k, set) -> {
            set.remove(connectionId);
            return set.isEmpty() ? null : set;
        });
    }

    private static CompletionStage<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
