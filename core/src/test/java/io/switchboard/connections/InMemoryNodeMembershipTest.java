package io.switchboard.connections;

/** The membership contract, against the in-memory heartbeats. */
class InMemoryNodeMembershipTest extends NodeMembershipContract {

    @Override
    protected NodeMembership newMembership() {
        return new InMemoryNodeMembership();
    }
}
