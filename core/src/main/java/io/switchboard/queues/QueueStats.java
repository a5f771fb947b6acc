package io.switchboard.queues;

/**
 * How many messages a queue holds, as SQS's approximate counts.
 *
 * @param visible  ready to be received
 * @param inFlight received and neither deleted nor visible again yet
 * @param delayed  sent with a delay that has not passed
 */
public record QueueStats(int visible, int inFlight, int delayed) {

    /** Every message the queue holds. */
    public int total() {
        return visible + inFlight + delayed;
    }
}
