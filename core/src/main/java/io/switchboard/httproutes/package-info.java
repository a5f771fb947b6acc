/**
 * Plain HTTP routes of an API ({@code http-routes}) answered by Java handlers.
 *
 * <p><b>Dependencies:</b> Uses routing, integration, connections, http, config and the handler API. See
 * docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.httproutes;
