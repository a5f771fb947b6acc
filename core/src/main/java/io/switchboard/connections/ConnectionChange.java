package io.switchboard.connections;

/**
 * A change of the connections store, as its listener sees it: the DynamoDB stream record of the original stack,
 * with what presence needs to decide without another query.
 *
 * @param type            whether the entry was added or removed
 * @param record          the entry
 * @param userConnections how many connections the user has after this change
 * @param sequence        the store's order of changes: larger means later (not contiguous per user)
 * @param expired         a removal because the entry outlived its expiry (pruning), not because it was removed
 */
public record ConnectionChange(Type type, ConnectionRecord record, int userConnections, long sequence,
                               boolean expired) {

    /** DynamoDB's stream event names. */
    public enum Type { INSERT, REMOVE }

    public String stage() {
        return record.stage();
    }

    public String userId() {
        return record.userId();
    }
}
