package io.switchboard.handler;

import java.util.Set;

/**
 * Rooms of the handler's own API (stage), in process: named sets of connections that one call sends to. The gateway
 * does the fan-out itself, encoding the message once; members leave by themselves when they disconnect.
 *
 * <p>Group names are 1 to 256 printable characters without {@code /}. Methods may block briefly; call them from
 * handlers, never from a network thread.
 */
public interface Groups {

    /**
     * Adds a connection to a group (joining twice is the same as once).
     *
     * @throws GoneException       the connection does not exist, is closed or still inside {@code $connect}
     * @throws BadRequestException the group name is not valid
     */
    void join(String group, String connectionId);

    /**
     * Joins a group unless it already holds {@code capacity} members, and sends {@code announcement} to the
     * members who were there before: one step, so that of two connections joining at the same moment exactly one
     * finds the other among {@link Joined#others()} and the other is told by the announcement. Everyone in the group
     * thus learns of everyone else exactly once, whatever the timing (a room's "who is here" and "someone new"). A
     * member who joins again is told who is there and announces nothing.
     *
     * @param capacity     the most members the group may hold; {@link Integer#MAX_VALUE} for no limit
     * @param announcement the text sent to the members who were there before, when the connection joined
     * @throws GoneException            the connection does not exist, is closed or still inside {@code $connect}
     * @throws BadRequestException      the group name is not valid, or the capacity is negative
     * @throws PayloadTooLargeException the announcement is larger than the API's {@code limits.message-bytes}
     */
    Joined join(String group, String connectionId, int capacity, String announcement);

    /** How a {@link #join(String, String, int, String)} ended. */
    enum JoinOutcome {
        /** The connection is a member now. */
        JOINED,
        /** The connection was a member already; nothing was announced. */
        ALREADY_MEMBER,
        /** The group holds {@code capacity} members already: the connection is not one of them. */
        FULL
    }

    /**
     * What {@link #join(String, String, int, String)} did.
     *
     * @param outcome   joined, a member already, or refused because the group is full
     * @param others    the other members at the moment of the decision
     * @param announced what became of the announcement (zero counts unless the connection joined)
     */
    record Joined(JoinOutcome outcome, Set<String> others, FanOut announced) {
        /** Whether the connection is a member now. */
        public boolean member() {
            return outcome != JoinOutcome.FULL;
        }
    }

    /** Removes a connection from a group; nothing happens if it was not a member. */
    void leave(String group, String connectionId);

    /** The ids of a group's members; empty for a group nobody joined. */
    Set<String> members(String group);

    /**
     * The groups a connection is in. A connection leaves its groups only after its {@code $disconnect} handler has
     * run, so that handler can still find them and tell the other members.
     */
    Set<String> groupsOf(String connectionId);

    /**
     * Sends a text message to every member.
     *
     * @throws PayloadTooLargeException the message is larger than the API's {@code limits.message-bytes}
     */
    FanOut post(String group, String message);

    /** Sends a text message to every member but the excluded connections (the sender, typically). */
    FanOut post(String group, String message, Set<String> exclude);

    /** Sends data (text if valid UTF-8, else binary) to every member but the excluded connections. */
    FanOut post(String group, byte[] data, Set<String> exclude);

    /**
     * Sends a text message from a member to the group's other members, in one step with the check that the sender
     * is a member: empty, and nothing sent, when it is not. One read of the group, where {@link #groupsOf} and
     * {@link #post(String, String, Set)} make two (each a round trip on a shared engine).
     *
     * @throws PayloadTooLargeException the message is larger than the API's {@code limits.message-bytes}
     */
    java.util.Optional<FanOut> postFrom(String group, String senderConnectionId, String message);

    /**
     * What became of a fan-out.
     *
     * @param delivered members the message was queued for (open and reading when it was posted)
     * @param gone      members that had closed meanwhile, or were closed for not reading (1008)
     */
    record FanOut(int delivered, int gone) {
    }
}
