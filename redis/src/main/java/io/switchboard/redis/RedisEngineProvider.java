package io.switchboard.redis;

import io.switchboard.config.ConfigNode;
import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.EngineProvider;

/**
 * {@code engine.type: redis}: the {@link RedisEngine}, set up by {@code engine.redis} ({@link RedisSettings}).
 * Listed in {@code META-INF/services}, so that having this module on the class path is all it takes.
 */
public final class RedisEngineProvider implements EngineProvider<RedisSettings> {

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public RedisSettings readSettings(ConfigNode section) {
        return RedisSettings.read(section);
    }

    /** @throws IllegalStateException when Redis cannot be reached */
    @Override
    public Engine create(RedisSettings settings, EngineContext context) {
        return new RedisEngine(settings, context);
    }
}
