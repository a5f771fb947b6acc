package io.switchboard.groups;

/** The group store contract, against the in-memory engine. */
class InMemoryGroupStoreTest extends GroupStoreContract {

    @Override
    protected GroupStore newStore() {
        return new InMemoryGroupStore();
    }
}
