/**
 * Queues with SQS semantics: the store SPI, the in-memory store, the service and consumers.
 *
 * <p><b>Dependencies:</b> Uses config, json and the handler API. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.queues;
