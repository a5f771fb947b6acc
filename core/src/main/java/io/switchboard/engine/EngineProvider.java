package io.switchboard.engine;

import io.switchboard.config.ConfigNode;

/**
 * One type of engine, found through {@link java.util.ServiceLoader}: a jar adds an engine by listing its provider in
 * {@code META-INF/services/io.switchboard.engine.EngineProvider}. {@code engine.type} names the provider by its
 * {@link #type()}, and the provider reads its own section, {@code engine.<type>}.
 *
 * <p>Implementations need a public no-argument constructor and no state of their own: {@link Engines} may create them
 * more than once.
 *
 * @param <S> the engine's settings, as read from its section
 */
public interface EngineProvider<S> {

    /** The value of {@code engine.type} that picks this engine: lower-case, such as {@code memory}. */
    String type();

    /**
     * Reads {@code engine.<type>} (an empty mapping when absent). A bad value is recorded on the node, at its key
     * ({@link ConfigNode#problem(String, String)}), and replaced by a default, so that one pass reports every problem;
     * keys the provider does not ask for are reported as unknown. Called when the configuration is loaded, and again
     * when the engine is created.
     */
    S readSettings(ConfigNode section);

    /**
     * Builds the engine; it delivers no event before {@link Engine#start}.
     *
     * @throws RuntimeException when the engine cannot be set up (a server it needs cannot be reached)
     */
    Engine create(S settings, EngineContext context);
}
