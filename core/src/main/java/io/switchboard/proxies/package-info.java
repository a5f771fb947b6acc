/**
 * Who a request comes from behind the reverse proxies of {@code server.trusted-proxies}.
 *
 * <p><b>Dependencies:</b> Uses config. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.proxies;
