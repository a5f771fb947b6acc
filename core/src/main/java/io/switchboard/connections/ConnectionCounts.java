package io.switchboard.connections;

/**
 * How many entries a stage has in the connections store.
 *
 * @param connections open connections
 * @param users       distinct users among them
 */
public record ConnectionCounts(int connections, int users) {
}
