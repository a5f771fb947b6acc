package io.switchboard.examples.broadcast;

/**
 * The connections that receive broadcasts: a group of the stage, which a page joins once connected ({@code join}) and
 * a sender joins by sending. Where the seed scans a DynamoDB table of connection ids, the gateway fans out to the
 * group and forgets members that disconnect.
 */
final class Listeners {
    static final String GROUP = "listeners";

    private Listeners() {
    }
}
