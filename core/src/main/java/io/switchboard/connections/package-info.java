/**
 * Connections: the open ones of this node, posting to them, and the connections store by user.
 *
 * <p>{@link io.switchboard.connections.Connection} owns one WebSocket's outbound side (ordered, bounded, encoded once);
 * {@link io.switchboard.connections.ConnectionRegistry} is this node's open connections;
 * {@link io.switchboard.connections.ConnectionService} is {@code @connections};
 * {@link io.switchboard.connections.ConnectionStore} is the store SPI with its in-memory implementation;
 * {@link io.switchboard.connections.LocalFanOut} delivers one encoded frame to many local connections.
 *
 * <p><b>Dependencies:</b> Uses config, throttle and the handler API. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.connections;
