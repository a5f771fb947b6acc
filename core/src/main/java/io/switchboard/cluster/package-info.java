/**
 * The nodes of a cluster as a whole: each node's heartbeat, and the clean-up after a node that stopped beating (its
 * connections' entries, their rooms, their users' presence). May use the stores and the connections layer.
 */
package io.switchboard.cluster;
