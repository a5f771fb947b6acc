/**
 * The entry point and the composition root.
 *
 * <p>{@link io.switchboard.Switchboard} starts a gateway from a configuration (and, optionally, handler instances by
 * name); {@link io.switchboard.Gateway} builds every part and hands each one only what it uses; the real-time stack
 * ({@code Realtime}) is assembled here too, and {@code GatewayLifecycle} says what opening and closing a connection
 * means to the rest of the gateway.
 *
 * <p><b>Dependencies:</b> Top layer: may use every package; no package may use it. See docs/architecture.md; {@code
 * ArchitectureTest} enforces the layers.
 */
package io.switchboard;
