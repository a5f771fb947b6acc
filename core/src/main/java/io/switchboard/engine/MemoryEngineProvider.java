package io.switchboard.engine;

import io.switchboard.config.ConfigNode;

/**
 * {@code engine.type: memory}: the {@link MemoryEngine}, which has no settings. Its section {@code engine.memory}
 * may be left out or empty; every key in it is reported as unknown, at its path ({@code engine.memory.foo}).
 */
public final class MemoryEngineProvider implements EngineProvider<MemoryEngineProvider.Settings> {

    /** The memory engine's settings: there are none. */
    public record Settings() {
    }

    @Override
    public String type() {
        return "memory";
    }

    /** Asks for no key, so that any key is unknown. */
    @Override
    public Settings readSettings(ConfigNode section) {
        return new Settings();
    }

    @Override
    public Engine create(Settings settings, EngineContext context) {
        return new MemoryEngine(context);
    }
}
