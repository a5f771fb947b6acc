package io.switchboard.engine;

import io.switchboard.config.ConfigException;
import io.switchboard.config.EngineConfig;
import io.switchboard.config.ServiceLookup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that picks the engine from configuration: the {@link EngineProvider} whose type {@code engine.type}
 * names, among those {@link ServiceLookup} finds.
 *
 * <p>Providers are looked up in the thread's context class loader, so that an embedding application can add its own;
 * when that loader finds none (or cannot load them), in this library's class loader. When two providers have the same
 * type, the first found wins.
 */
public final class Engines {

    private Engines() {
    }

    /**
     * Builds the engine {@code engine.type} names, from its section {@code engine.<type>}.
     *
     * @throws ConfigException when no provider has that type, or its section has a problem (each at its YAML path;
     *                         a loaded configuration has been checked already)
     */
    public static Engine create(EngineConfig config, EngineContext context) {
        EngineProvider<?> provider = provider(config.type()).orElseThrow(() -> new ConfigException("engine.type",
                EngineConfig.unknownType(config.type(), types())));
        return create(provider, config, context);
    }

    private static <S> Engine create(EngineProvider<S> provider, EngineConfig config, EngineContext context) {
        S settings = config.section().read(provider::readSettings);
        return provider.create(settings, context);
    }

    /** The provider of {@code type}, if one is on the class path. */
    public static Optional<EngineProvider<?>> provider(String type) {
        return Optional.ofNullable(providers().get(type));
    }

    /** The types of every provider found, in the order found. */
    public static List<String> types() {
        return List.copyOf(providers().keySet());
    }

    /** Every provider by type ({@link ServiceLookup}); new instances on each call. */
    static Map<String, EngineProvider<?>> providers() {
        Map<String, EngineProvider<?>> out = new LinkedHashMap<>();
        for (EngineProvider<?> provider : ServiceLookup.find(EngineProvider.class)) {
            out.putIfAbsent(provider.type(), provider);
        }
        return out;
    }
}
