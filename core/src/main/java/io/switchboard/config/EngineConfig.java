package io.switchboard.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where shared state lives: group membership, the connections store, presence, topics and queues.
 *
 * <p>The types come from the engines on the class path ({@link EngineTypes}, found through {@link ServiceLookup});
 * each engine has its own section, {@code engine.<type>}, which configuration keeps as it is for the engine to read
 * ({@link ConfigSection}) after checking it with every other key.
 *
 * @param type    the engine: {@code memory} (in this process, nothing to set up) or another type on the class path
 * @param section {@code engine.<type>}, the chosen engine's own settings (empty when absent)
 */
public record EngineConfig(String type, ConfigSection section) {

    /** The memory engine, with no settings. */
    public static final EngineConfig DEFAULTS = of("memory");

    public EngineConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(section, "section");
    }

    /** An engine with an empty section, for a configuration built in code. */
    public static EngineConfig of(String type) {
        return new EngineConfig(type, ConfigSection.empty("engine." + type));
    }

    static EngineConfig read(ConfigNode n) {
        String type = n.string("type", DEFAULTS.type());
        Map<String, EngineTypes> types = types();
        EngineTypes engine = types.get(type);
        if (engine == null) {
            n.problem("type", unknownType(type, List.copyOf(types.keySet())));
            n.has(type); // the section of the type asked for is not a second problem
            return DEFAULTS;
        }
        n.section(type, section -> {
            engine.read(type, section);
            return section;
        });
        return new EngineConfig(type, n.detach(type));
    }

    /** The message for an {@code engine.type} that no engine on the class path has. */
    public static String unknownType(String type, List<String> known) {
        return "unknown engine type '" + type + "'; known types: "
                + (known.isEmpty() ? "none (no engine on the class path)" : String.join(", ", known));
    }

    /** Each type, with the implementation that reads its section ({@link ServiceLookup}); the first found wins. */
    private static Map<String, EngineTypes> types() {
        Map<String, EngineTypes> out = new LinkedHashMap<>();
        for (EngineTypes engines : ServiceLookup.find(EngineTypes.class)) {
            engines.names().forEach(name -> out.putIfAbsent(name, engines));
        }
        return out;
    }
}
