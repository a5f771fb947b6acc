/**
 * The access log: one JSON line per request and message, credentials redacted.
 *
 * <p><b>Dependencies:</b> Uses the handler API only. See docs/architecture.md; {@code ArchitectureTest} enforces the
 * layers.
 */
package io.switchboard.observability;
