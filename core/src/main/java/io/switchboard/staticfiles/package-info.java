/**
 * Static files for web pages ({@code server.static}), with conditional requests.
 *
 * <p><b>Dependencies:</b> Uses http, config and the handler API. See docs/architecture.md; {@code ArchitectureTest}
 * enforces the layers.
 */
package io.switchboard.staticfiles;
