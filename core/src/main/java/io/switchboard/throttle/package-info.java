/**
 * Token buckets, API keys, usage plans and their quotas (the quota store SPI and its in-memory store).
 *
 * <p><b>Dependencies:</b> Uses config and the handler API. See docs/architecture.md; {@code ArchitectureTest} enforces
 * the layers.
 */
package io.switchboard.throttle;
