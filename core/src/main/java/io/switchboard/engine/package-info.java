/**
 * The engine SPI: where shared state lives (the stores of connections, groups, presence, queues, topics, quotas).
 *
 * <p>{@link io.switchboard.engine.Engine} bundles the stores; {@link io.switchboard.engine.EngineListener} receives
 * their events. An engine plugs in as an {@link io.switchboard.engine.EngineProvider} found through
 * {@link java.util.ServiceLoader}: {@code engine.type} picks it, it reads its own {@code engine.<type>} section and
 * creates its engine with an {@link io.switchboard.engine.EngineContext}. {@link io.switchboard.engine.MemoryEngine}
 * is the one-process engine. The store interfaces ({@code ConnectionStore}, {@code GroupStore},
 * {@code PresenceStore}, {@code QueueStore}, {@code TopicBus}, {@code QuotaStore}) live in their feature packages
 * beside their in-memory implementations.
 *
 * <p><b>Dependencies:</b> Uses the feature packages (for their store interfaces) and config; none of them uses it. See
 * docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.engine;
