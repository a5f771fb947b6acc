package io.switchboard.groups;

import static org.assertj.core.api.Assertions.assertThat;

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
}
