package io.switchboard.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link NodeMembership} must do; an engine's test extends this class. */
public abstract class NodeMembershipContract {

    /** A new, empty membership. */
    protected abstract NodeMembership newMembership();

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void heartbeatsAreKeptPerNodeAndTellWhetherTheNodeWasOnRecord() throws Exception {
        NodeMembership membership = newMembership();
        assertThat(await(membership.heartbeat(new NodeStatus("b", 100, 1_100, 3)))).isFalse();
        assertThat(await(membership.heartbeat(new NodeStatus("a", 100, 1_100, 0)))).isFalse();
        assertThat(await(membership.heartbeat(new NodeStatus("b", 200, 1_200, 4)))).isTrue();
        assertThat(await(membership.nodes())).containsExactly(new NodeStatus("a", 100, 1_100, 0),
                new NodeStatus("b", 200, 1_200, 4));
        await(membership.leave("a"));
        assertThat(await(membership.nodes())).extracting(NodeStatus::nodeId).containsExactly("b");
        assertThat(await(membership.heartbeat(new NodeStatus("a", 300, 1_300, 0)))).as("after leaving").isFalse();
    }

    @Test
    void onlyAnExpiredNodeIsClaimedAndByOneCallerOnly() throws Exception {
        NodeMembership membership = newMembership();
        await(membership.heartbeat(new NodeStatus("dead", 100, 1_000, 7)));
        await(membership.heartbeat(new NodeStatus("alive", 100, 5_000, 1)));
        assertThat(await(membership.claimExpired("alive", 2_000))).isFalse();
        assertThat(await(membership.claimExpired("nobody", 2_000))).isFalse();
        assertThat(await(membership.claimExpired("dead", 999))).as("not yet expired").isFalse();
        List<CompletableFuture<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(membership.claimExpired("dead", 2_000).toCompletableFuture());
        }
        assertThat(racing.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
        assertThat(await(membership.nodes())).extracting(NodeStatus::nodeId).containsExactly("alive");
        assertThat(await(membership.heartbeat(new NodeStatus("dead", 3_000, 4_000, 0))))
                .as("a node that was claimed learns it").isFalse();
    }
}
