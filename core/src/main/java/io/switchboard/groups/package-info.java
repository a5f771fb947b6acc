/**
 * Groups (rooms): membership (store SPI and in-memory store) and posting to every member at once.
 *
 * <p><b>Dependencies:</b> Uses connections and the handler API. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.groups;
