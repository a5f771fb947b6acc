/**
 * A stage's API: its routes, the dispatcher that runs integrations in order per connection, AWS's events.
 *
 * <p><b>Dependencies:</b> Uses auth, integration, connections, observability, template, expr, config and the handler
 * API. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.routing;
