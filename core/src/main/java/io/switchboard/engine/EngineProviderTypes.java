package io.switchboard.engine;

import io.switchboard.config.ConfigNode;
import io.switchboard.config.EngineTypes;
import java.util.List;
import java.util.Map;

/**
 * The engine types configuration checks {@code engine} against: one per {@link EngineProvider} on the class path.
 * Configuration cannot name this package, so it finds this class through
 * {@code META-INF/services/io.switchboard.config.EngineTypes}; only this bridge is registered there, and a new engine
 * registers its provider alone.
 */
public final class EngineProviderTypes implements EngineTypes {
    private final Map<String, EngineProvider<?>> providers = Engines.providers();

    /** For {@link java.util.ServiceLoader}. */
    public EngineProviderTypes() {
    }

    @Override
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }

    @Override
    public void read(String type, ConfigNode section) {
        EngineProvider<?> provider = providers.get(type);
        if (provider != null) {
            provider.readSettings(section);
        }
    }
}
