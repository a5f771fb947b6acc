/**
 * API Gateway's mapping templates (Velocity) with {@code $context}, {@code $input}, {@code $util}.
 *
 * <p><b>Dependencies:</b> Uses the handler API and json only. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.template;
