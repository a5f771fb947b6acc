package io.switchboard.config;

/**
 * Where shared state lives: group membership, the connections store, presence, topics and queues.
 *
 * @param type {@code memory}: in this process, nothing to set up; the only engine of this build
 */
public record EngineConfig(String type) {

    public static final EngineConfig DEFAULTS = new EngineConfig("memory");

    static EngineConfig read(ConfigNode n) {
        String type = n.string("type", DEFAULTS.type());
        if (!type.equals("memory")) {
            n.problem("type", "must be memory, not '" + type + "' (the redis engine is not part of this build yet)");
            return DEFAULTS;
        }
        return new EngineConfig(type);
    }
}
