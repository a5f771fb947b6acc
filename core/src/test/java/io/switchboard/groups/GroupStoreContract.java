package io.switchboard.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.Groups;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GroupStore} must do, whatever engine holds it. An engine's test extends this class and provides
 * a fresh store.
 */
public abstract class GroupStoreContract {

    /** A new, empty store. */
    protected abstract GroupStore newStore();

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void membersAreAddedOnceAndRemoved() throws Exception {
        GroupStore store = newStore();
        assertThat(await(store.members("s", "g"))).isEmpty();
        await(store.add("s", "g", "a"));
        await(store.add("s", "g", "a"));
        await(store.add("s", "g", "b"));
        assertThat(await(store.members("s", "g"))).containsExactlyInAnyOrder("a", "b");
        await(store.remove("s", "g", "a"));
        await(store.remove("s", "g", "never-joined"));
        assertThat(await(store.members("s", "g"))).containsExactly("b");
    }

    @Test
    void stagesAndGroupsAreSeparate() throws Exception {
        GroupStore store = newStore();
        await(store.add("s1", "g", "a"));
        await(store.add("s2", "g", "b"));
        await(store.add("s1", "h", "c"));
        assertThat(await(store.members("s1", "g"))).containsExactly("a");
        assertThat(await(store.members("s2", "g"))).containsExactly("b");
        assertThat(await(store.members("s1", "h"))).containsExactly("c");
    }

    @Test
    void removeEverywhereLeavesEveryGroupOfTheStageOnly() throws Exception {
        GroupStore store = newStore();
        for (String group : List.of("g1", "g2", "g3")) {
            await(store.add("s", group, "a"));
            await(store.add("s", group, "b"));
        }
        await(store.add("other", "g1", "a"));
        assertThat(await(store.groupsOf("s", "a"))).containsExactlyInAnyOrder("g1", "g2", "g3");
        assertThat(await(store.groupsOf("other", "a"))).containsExactly("g1");
        await(store.removeEverywhere("s", "a"));
        assertThat(await(store.groupsOf("s", "a"))).isEmpty();
        for (String group : List.of("g1", "g2", "g3")) {
            assertThat(await(store.members("s", group))).containsExactly("b");
        }
        assertThat(await(store.members("other", "g1"))).containsExactly("a");
        await(store.removeEverywhere("s", "nobody"));
    }

    @Test
    void membersIsASnapshot() throws Exception {
        GroupStore store = newStore();
        await(store.add("s", "g", "a"));
        Set<String> before = await(store.members("s", "g"));
        await(store.add("s", "g", "b"));
        assertThat(before).containsExactly("a");
    }

    @Test
    void concurrentJoinsAndLeavesLoseNothing() throws Exception {
        GroupStore store = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                String id = "c" + i;
                boolean stays = i % 3 != 0;
                if (stays) {
                    expected.add(id);
                }
                work.add(CompletableFuture.runAsync(() -> {
                    try {
                        await(store.add("s", "busy", id));
                        await(store.add("s", "side", id));
                        if (!stays) {
                            await(store.removeEverywhere("s", id));
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(await(store.members("s", "busy"))).isEqualTo(expected);
            assertThat(await(store.members("s", "side"))).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentJoinsRespectTheCapacityAndEachPairMeetsExactlyOnce() throws Exception {
        GroupStore store = newStore();
        int capacity = 10;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.Map<String, CompletableFuture<GroupStore.Joined>> joins = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 40; i++) {
                String id = "c" + i;
                joins.put(id, CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return await(store.join("s", "room", id, capacity));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            go.countDown();
            java.util.Map<String, GroupStore.Joined> results = new java.util.LinkedHashMap<>();
            for (var join : joins.entrySet()) {
                results.put(join.getKey(), join.getValue().get(30, TimeUnit.SECONDS));
            }
            List<String> in = results.entrySet().stream()
                    .filter(e -> e.getValue().outcome() == Groups.JoinOutcome.JOINED).map(java.util.Map.Entry::getKey)
                    .toList();
            assertThat(in).hasSize(capacity);
            assertThat(await(store.members("s", "room"))).containsExactlyInAnyOrderElementsOf(in);
            results.values().stream().filter(r -> r.outcome() == Groups.JoinOutcome.FULL)
                    .forEach(r -> assertThat(r.others()).hasSize(capacity));
            for (String a : in) {
                for (String b : in) {
                    if (a.compareTo(b) < 0) { // exactly one of the two found the other there
                        boolean aSawB = results.get(a).others().contains(b);
                        boolean bSawA = results.get(b).others().contains(a);
                        assertThat(aSawB ^ bSawA).as(a + " and " + b).isTrue();
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void joiningAgainChangesNothingAndAFullGroupRefuses() throws Exception {
        GroupStore store = newStore();
        assertThat(await(store.join("s", "g", "a", 2)).outcome()).isEqualTo(Groups.JoinOutcome.JOINED);
        GroupStore.Joined again = await(store.join("s", "g", "a", 2));
        assertThat(again.outcome()).isEqualTo(Groups.JoinOutcome.ALREADY_MEMBER);
        assertThat(again.others()).isEmpty();
        assertThat(await(store.join("s", "g", "b", 2)).others()).containsExactly("a");
        GroupStore.Joined full = await(store.join("s", "g", "c", 2));
        assertThat(full.outcome()).isEqualTo(Groups.JoinOutcome.FULL);
        assertThat(full.others()).containsExactlyInAnyOrder("a", "b");
        assertThat(await(store.groupsOf("s", "c"))).isEmpty();
        assertThat(await(store.join("s", "g", "a", 2)).outcome()).isEqualTo(Groups.JoinOutcome.ALREADY_MEMBER);
        assertThat(await(store.join("s", "closed", "z", 0)).outcome()).isEqualTo(Groups.JoinOutcome.FULL);
        assertThat(await(store.members("s", "closed"))).isEmpty();
    }
}
