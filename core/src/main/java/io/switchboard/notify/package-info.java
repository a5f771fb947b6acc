/**
 * The notification pusher: unicast, multicast and broadcast to users' connections.
 *
 * <p><b>Dependencies:</b> Uses connections, json and the handler API. See docs/architecture.md; {@code
 * ArchitectureTest} enforces the layers.
 */
package io.switchboard.notify;
