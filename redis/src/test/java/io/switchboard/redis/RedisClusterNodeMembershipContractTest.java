package io.switchboard.redis;

import io.switchboard.connections.NodeMembership;
import io.switchboard.connections.NodeMembershipContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The membership contract, against a real three-master Redis Cluster. */
class RedisClusterNodeMembershipContractTest extends NodeMembershipContract {
    @RegisterExtension
    static final SharedRedis REDIS = SharedRedis.cluster();

    @Override
    protected NodeMembership newMembership() {
        return new RedisNodeMembership(REDIS.clients());
    }
}
