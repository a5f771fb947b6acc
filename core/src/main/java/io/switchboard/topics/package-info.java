/**
 * Topics with SNS semantics: fan-out to queues, webhooks with retries and dead letters, in-process handlers.
 *
 * <p><b>Dependencies:</b> Uses notify, queues, config, json and the handler API. See docs/architecture.md; {@code
 * ArchitectureTest} enforces the layers.
 */
package io.switchboard.topics;
