/**
 * Presence: online and offline across a user's devices, published in order per user (store SPI and watchdog).
 *
 * <p><b>Dependencies:</b> Uses connections, config, json and the handler API. See docs/architecture.md; {@code
 * ArchitectureTest} enforces the layers.
 */
package io.switchboard.presence;
