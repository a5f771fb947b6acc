package io.switchboard.config;

import java.util.List;

/**
 * The engine types this build has, and how each reads its own section {@code engine.<type>}: what configuration needs
 * to check {@code engine} in the same pass as every other key.
 *
 * <p>Engines sit above configuration (they are built from it), so this package cannot name them. It finds
 * implementations of this interface through {@link java.util.ServiceLoader} instead; the engine package implements it
 * once, for all of its providers, so that adding an engine never touches configuration.
 */
public interface EngineTypes {

    /** The values {@code engine.type} accepts, in the order a message lists them. */
    List<String> names();

    /**
     * Reads the section of one of {@link #names()}, recording every problem on {@code section} at its path. Unknown
     * keys are reported by the caller once this returns.
     */
    void read(String type, ConfigNode section);
}
