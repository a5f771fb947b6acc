/**
 * The network layer: one Netty listener, the HTTP and WebSocket pipelines, the upgrade and {@code $connect}.
 *
 * <p>It receives everything it serves as {@link io.switchboard.transport.Served}: the stages and their dispatcher, a
 * {@link io.switchboard.transport.ConnectionLifecycle} (what opening and closing means to the rest of the gateway) and
 * an
 * ordered list of {@link io.switchboard.http.HttpEndpoint}s. It knows nothing of the domain's lifecycle.
 *
 * <p><b>Dependencies:</b> Uses routing, auth, connections, http, proxies, origin, observability, config and the handler
 * API; never management or the root. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.transport;
