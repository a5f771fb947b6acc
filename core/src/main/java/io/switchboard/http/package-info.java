/**
 * Plain HTTP answers and the endpoint seam the listener routes to.
 *
 * <p>{@link io.switchboard.http.HttpEndpoint} is what the management API, the development issuer, HTTP routes and
 * static
 * files implement; the composition root hands the listener an ordered list of them. The response helpers write
 * AWS-style
 * error bodies.
 *
 * <p><b>Dependencies:</b> Uses the handler API, json and proxies; Netty's HTTP codec types appear in its signatures.
 * See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.http;
