/**
 * Admission on {@code $connect}: REQUEST and JWT authorizers, API keys, IAM policies, the development issuer.
 *
 * <p><b>Dependencies:</b> Uses integration, throttle, config, http, origin, proxies, json and the handler API. See
 * docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.auth;
