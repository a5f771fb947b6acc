package io.switchboard.throttle;

/** The in-memory engine's quota counters against the shared contract. */
class InMemoryQuotaStoreTest extends QuotaStoreContract {
    @Override
    protected QuotaStore store() {
        return new InMemoryQuotaStore();
    }
}
