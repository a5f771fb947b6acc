/**
 * The process's one JSON factory and mapper, and JSON paths over messages.
 *
 * <p><b>Dependencies:</b> Uses only the handler API. See docs/architecture.md; {@code ArchitectureTest} enforces the
 * layers.
 */
package io.switchboard.json;
