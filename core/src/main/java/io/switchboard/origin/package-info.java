/**
 * The browser {@code Origin} policy of WebSocket upgrades and token requests.
 *
 * <p><b>Dependencies:</b> Uses nothing of the gateway. See docs/architecture.md; {@code ArchitectureTest} enforces the
 * layers.
 */
package io.switchboard.origin;
