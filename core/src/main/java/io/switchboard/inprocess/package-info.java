/**
 * The in-process services handlers reach: blocking views over the asynchronous services.
 *
 * <p>{@link io.switchboard.inprocess.InProcessServices} implements {@link io.switchboard.handler.ApiServices} for one
 * stage; its adapters are package-private.
 *
 * <p><b>Dependencies:</b> Uses the feature services (connections, groups, topics, queues, notify, users) and the
 * handler API. See docs/architecture.md; {@code ArchitectureTest} enforces the layers.
 */
package io.switchboard.inprocess;
