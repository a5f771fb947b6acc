/**
 * Integrations: function handlers (ours and AWS Lambda's), HTTP backends, mock templates, topic/queue routes.
 *
 * <p>{@link io.switchboard.integration.Integrations} builds them from configuration and owns the function threads; a
 * handler name resolves among the registered {@link io.switchboard.handler.Handlers} before class names.
 *
 * <p><b>Dependencies:</b> Uses config, expr, template, json, users and the handler API. See docs/architecture.md;
 * {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.integration;
