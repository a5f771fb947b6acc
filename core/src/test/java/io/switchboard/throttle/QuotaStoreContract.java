package io.switchboard.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link QuotaStore} must do; each engine's store runs these tests. */
public abstract class QuotaStoreContract {

    /** A new, empty store. */
    protected abstract QuotaStore store();

    private static boolean consume(QuotaStore store, String counter, long period, long limit) throws Exception {
        return store.tryConsume(counter, period, limit).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void countsUpToTheLimitThenRefuses() throws Exception {
        QuotaStore store = store();
        for (int i = 0; i < 3; i++) {
            assertThat(consume(store, "api/key", 1000, 3)).isTrue();
        }
        assertThat(consume(store, "api/key", 1000, 3)).isFalse();
        assertThat(consume(store, "api/key", 1000, 3)).isFalse();
    }

    @Test
    void countersAreIndependent() throws Exception {
        QuotaStore store = store();
        assertThat(consume(store, "api/a", 1000, 1)).isTrue();
        assertThat(consume(store, "api/a", 1000, 1)).isFalse();
        assertThat(consume(store, "api/b", 1000, 1)).isTrue();
    }

    @Test
    void aNewPeriodStartsOverAndAnOlderOneCountsInTheNewer() throws Exception {
        QuotaStore store = store();
        assertThat(consume(store, "api/key", 1000, 1)).isTrue();
        assertThat(consume(store, "api/key", 1000, 1)).isFalse();
        assertThat(consume(store, "api/key", 2000, 1)).isTrue();
        assertThat(consume(store, "api/key", 1000, 1)).as("a late request of the old period").isFalse();
    }
}
