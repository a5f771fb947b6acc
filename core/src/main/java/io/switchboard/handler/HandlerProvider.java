package io.switchboard.handler;

/**
 * Contributes named handlers from a jar, found through {@link java.util.ServiceLoader} on the gateway's class path and
 * {@code server.classpath}: list the implementation in
 * {@code META-INF/services/io.switchboard.handler.HandlerProvider}.
 * This is how handlers that share state (a store, a cache) are registered for a configuration started from the command
 * line, where no code can pass {@link Handlers} to {@code Switchboard.start}.
 *
 * <p>The implementation needs a public constructor without arguments; {@link #handlers} is called once per gateway
 * start, so state made there lives as long as that gateway.
 */
public interface HandlerProvider {

    /** The handlers, by the names a configuration may use. */
    Handlers handlers();
}
