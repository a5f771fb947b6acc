package io.switchboard.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PresenceStore} must do, whatever engine holds it: each transition reported once, last-seen times
 * kept until forgotten. An engine's test extends this class.
 */
public abstract class PresenceStoreContract {

    /** A new, empty store. */
    protected abstract PresenceStore newStore();

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void onlyChangesOfStatusAreReported() throws Exception {
        PresenceStore store = newStore();
        assertThat(await(store.get("s", "alice"))).isEmpty();
        assertThat(await(store.update("s", "alice", PresenceStatus.OFFLINE, 5, 5))).isEmpty();
        assertThat(await(store.update("s", "alice", PresenceStatus.ONLINE, 10, 10)))
                .hasValue(new PresenceChange(new UserPresence("alice", PresenceStatus.ONLINE, 10), 1, 0));
        assertThat(await(store.update("s", "alice", PresenceStatus.ONLINE, 20, 20))).isEmpty();
        assertThat(await(store.get("s", "alice"))).hasValue(new UserPresence("alice", PresenceStatus.ONLINE, 10));
        assertThat(await(store.update("s", "alice", PresenceStatus.OFFLINE, 30, 30)))
                .hasValue(new PresenceChange(new UserPresence("alice", PresenceStatus.OFFLINE, 30), 2, 0));
        assertThat(await(store.get("s", "alice"))).hasValue(new UserPresence("alice", PresenceStatus.OFFLINE, 30));
    }

    @Test
    void stagesAreSeparateAndOnlineListsOnlineUsers() throws Exception {
        PresenceStore store = newStore();
        await(store.update("s", "alice", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "bob", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "bob", PresenceStatus.OFFLINE, 2, 2));
        await(store.update("t", "carol", PresenceStatus.ONLINE, 1, 1));
        assertThat(await(store.online("s"))).containsExactly("alice");
        assertThat(await(store.online("t"))).containsExactly("carol");
        assertThat(await(store.get("t", "alice"))).isEmpty();
    }

    @Test
    void offlineUsersAreForgottenAfterTheirTime() throws Exception {
        PresenceStore store = newStore();
        await(store.update("s", "early", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "early", PresenceStatus.OFFLINE, 100, 100));
        await(store.update("s", "late", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "late", PresenceStatus.OFFLINE, 300, 300));
        await(store.update("s", "online", PresenceStatus.ONLINE, 50, 50));
        await(store.update("t", "elsewhere", PresenceStatus.ONLINE, 1, 1));
        await(store.update("t", "elsewhere", PresenceStatus.OFFLINE, 100, 100));
        assertThat(await(store.forgetOffline("s", 200))).isEqualTo(1);
        assertThat(await(store.get("t", "elsewhere"))).isPresent();
        assertThat(await(store.get("s", "early"))).isEmpty();
        assertThat(await(store.get("s", "late"))).isPresent();
        assertThat(await(store.get("s", "online"))).isPresent();
    }

    @Test
    void aUserCanBeForgottenOnlyWhileOffline() throws Exception {
        PresenceStore store = newStore();
        await(store.update("s", "here", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "gone", PresenceStatus.ONLINE, 1, 1));
        await(store.update("s", "gone", PresenceStatus.OFFLINE, 2, 2));
        await(store.forgetIfOffline("s", "here"));
        await(store.forgetIfOffline("s", "gone"));
        await(store.forgetIfOffline("s", "never"));
        assertThat(await(store.get("s", "here"))).isPresent();
        assertThat(await(store.get("s", "gone"))).isEmpty();
    }

    @Test
    void anUpdateOlderThanTheLastAppliedChangesNothing() throws Exception {
        PresenceStore store = newStore();
        // Nodes hand in a user's changes out of order: ONLINE (3) arrives before the OFFLINE (2) it followed.
        assertThat(await(store.update("s", "dana", PresenceStatus.ONLINE, 10, 1))).isPresent();
        assertThat(await(store.update("s", "dana", PresenceStatus.ONLINE, 30, 3))).isEmpty();
        assertThat(await(store.update("s", "dana", PresenceStatus.OFFLINE, 20, 2))).isEmpty();
        assertThat(await(store.get("s", "dana"))).map(UserPresence::status).contains(PresenceStatus.ONLINE);
        assertThat(await(store.update("s", "dana", PresenceStatus.OFFLINE, 40, 4)))
                .map(change -> change.presence().status()).contains(PresenceStatus.OFFLINE);
    }

    @Test
    void eachTransitionKnowsWhichEventsWerePublishedBeforeIt() throws Exception {
        PresenceStore store = newStore();
        assertThat(await(store.lastPublished("s", "erin"))).isZero();
        PresenceChange online = await(store.update("s", "erin", PresenceStatus.ONLINE, 1, 1)).orElseThrow();
        assertThat(online.version()).isEqualTo(1);
        assertThat(online.inTurn()).isTrue();
        // Another node applies the next transition before the first one's event went out: not its turn yet.
        PresenceChange offline = await(store.update("s", "erin", PresenceStatus.OFFLINE, 2, 2)).orElseThrow();
        assertThat(offline.version()).isEqualTo(2);
        assertThat(offline.publishedBefore()).isZero();
        assertThat(offline.inTurn()).isFalse();
        await(store.published("s", "erin", 1));
        assertThat(await(store.lastPublished("s", "erin"))).isEqualTo(1);
        await(store.published("s", "erin", 2));
        await(store.published("s", "erin", 1)); // late: the largest stays
        assertThat(await(store.lastPublished("s", "erin"))).isEqualTo(2);
        assertThat(await(store.update("s", "erin", PresenceStatus.ONLINE, 3, 3)).orElseThrow())
                .isEqualTo(new PresenceChange(new UserPresence("erin", PresenceStatus.ONLINE, 3), 3, 2));
        await(store.published("s", "nobody", 5));
        assertThat(await(store.lastPublished("s", "nobody"))).as("no record is made for it").isZero();
        assertThat(await(store.get("s", "nobody"))).isEmpty();
    }

    @Test
    void racingUpdatesReportEachTransitionOnce() throws Exception {
        PresenceStore store = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 100; round++) {
                String user = "u" + round;
                List<CompletableFuture<Optional<PresenceChange>>> racing = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    long sequence = k + 1;
                    racing.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return await(store.update("s", user, PresenceStatus.ONLINE, 1, sequence));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                assertThat(racing.stream().filter(f -> f.join().isPresent()).count()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(await(store.online("s"))).hasSize(100);
    }
}
