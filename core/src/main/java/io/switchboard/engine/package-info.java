/**
 * The engine SPI: where shared state lives (the stores of connections, groups, presence, queues, topics, quotas).
 *
 * <p>{@link io.switchboard.engine.Engine} bundles the stores; {@link io.switchboard.engine.EngineListener} receives
 * their events. The store interfaces live in their feature packages beside their in-memory implementations.
 *
 * <p><b>Dependencies:</b> Uses the feature packages (for their store interfaces) and config; none of them uses it. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.engine;
