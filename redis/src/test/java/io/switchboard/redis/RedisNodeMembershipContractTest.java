package io.switchboard.redis;

import io.switchboard.connections.NodeMembership;
import io.switchboard.connections.NodeMembershipContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The membership contract, against a real Redis. */
class RedisNodeMembershipContractTest extends NodeMembershipContract {
    @RegisterExtension
    static final SharedRedis REDIS = new SharedRedis();

    @Override
    protected NodeMembership newMembership() {
        return new RedisNodeMembership(REDIS.clients());
    }
}
