/**
 * The configuration model: typed records read from YAML, every problem reported with its path in one pass.
 *
 * <p>{@link io.switchboard.config.ConfigLoader} reads {@code switchboard.yaml} (with environment interpolation) into
 * {@link io.switchboard.config.SwitchboardConfig}; {@link io.switchboard.config.ConfigNode} collects problems as
 * {@link io.switchboard.config.ConfigProblem}s at their YAML paths.
 *
 * <p><b>Dependencies:</b> Uses the handler API, json, expr and template; never the runtime (engines read their own
 * sections through it). See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.config;
