package io.switchboard.engine;

import io.switchboard.config.ConfigException;
import io.switchboard.config.EngineConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The one place that picks the engine from configuration: the {@link EngineProvider} whose type {@code engine.type}
 * names, among those {@link ServiceLoader} finds.
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

    /** Every provider by type; new instances on each call. */
    static Map<String, EngineProvider<?>> providers() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        Map<String, EngineProvider<?>> found = Map.of();
        if (context != null) {
            try {
                found = providersOf(context);
            } catch (ServiceConfigurationError e) {
                found = Map.of(); // a registration that loader cannot load (another copy of this library)
            }
        }
        return found.isEmpty() ? providersOf(EngineProvider.class.getClassLoader()) : found;
    }

    private static Map<String, EngineProvider<?>> providersOf(ClassLoader loader) {
        Map<String, EngineProvider<?>> out = new LinkedHashMap<>();
        List<EngineProvider<?>> all = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, loader).forEach(all::add);
        all.forEach(p -> out.putIfAbsent(p.type(), p));
        return out;
    }
}
