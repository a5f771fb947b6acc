/**
 * Typed expressions that configuration holds and the runtime evaluates.
 *
 * <p>Route selection expressions ({@code $request.body.action}) and the scanner that evaluates them without building a
 * tree, user id expressions ({@code connections.user-id}) and message expressions of the {@code topic} and
 * {@code queue} integrations. Parsed once when configuration is read ("parse, don't validate").
 *
 * <p><b>Dependencies:</b> Uses the handler API and json only. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.expr;
