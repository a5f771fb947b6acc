/**
 * The public API: every type a user's handler code touches.
 *
 * <p>Route and HTTP handlers ({@link io.switchboard.handler.RouteHandler}, {@link
 * io.switchboard.handler.HttpRouteHandler}),
 * their events and results, the in-process services of an API ({@link io.switchboard.handler.ApiServices}: connections,
 * groups, users, topics, queues, notifications), topic and queue handlers and their messages, presence values, handler
 * instances by name ({@link io.switchboard.handler.Handlers}, {@link io.switchboard.handler.HandlerProvider}) and the
 * errors the gateway answers ({@link io.switchboard.handler.GatewayError}, {@link
 * io.switchboard.handler.GatewayException}
 * and the AWS-named exceptions). Anything public here is API: change it with care.
 *
 * <p><b>Dependencies:</b> Bottom layer: depends on nothing of the gateway (only the JDK); every other package may use
 * it. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.handler;
