package io.switchboard.engine;

import io.switchboard.config.EngineConfig;
import io.switchboard.groups.GroupStore;
import io.switchboard.groups.InMemoryGroupStore;
import io.switchboard.throttle.InMemoryQuotaStore;
import io.switchboard.throttle.QuotaStore;

/** The one place that picks the engine from configuration. */
public final class Engines {

    private Engines() {
    }

    /** The engine {@code engine.type} names; {@code memory} keeps everything in this process. */
    public static Engine create(EngineConfig config) {
        if (!config.type().equals("memory")) {
            throw new IllegalArgumentException("unknown engine type " + config.type());
        }
        return new MemoryEngine();
    }

    /** Everything in this process: nothing to set up, nothing shared with other nodes. */
    private static final class MemoryEngine implements Engine {
        private final GroupStore groups = new InMemoryGroupStore();
        private final QuotaStore quotas = new InMemoryQuotaStore();

        @Override
        public GroupStore groups() {
            return groups;
        }

        @Override
        public QuotaStore quotas() {
            return quotas;
        }

        @Override
        public void close() {
        }
    }
}
