/**
 * Connections by user: who is connected, their connections and presence, posting to a user.
 *
 * <p><b>Dependencies:</b> Uses connections, notify, presence and the handler API. See docs/architecture.md; {@code
 * ArchitectureTest} enforces the layers.
 */
package io.switchboard.users;
