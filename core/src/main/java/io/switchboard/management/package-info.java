/**
 * The management API over HTTP: {@code @connections} (SigV4, as the AWS SDKs call it) and the real-time stack's
 * endpoints.
 *
 * <p><b>Dependencies:</b> Uses the feature services it is handed, http, proxies, config, json and the handler API;
 * never transport. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.management;
