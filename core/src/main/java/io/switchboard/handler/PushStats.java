package io.switchboard.handler;

/**
 * What a push did, as SUMU's pusher prints it.
 *
 * @param notified      connections the message was queued for
 * @param gone          targeted connections that were no longer open (or were closed for not reading)
 * @param pruned        of those, entries this push removed from the connections store
 * @param elapsedMillis time from the request to the last write handed to the network threads
 */
public record PushStats(int notified, int gone, int pruned, long elapsedMillis) {
}
