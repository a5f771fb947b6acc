package io.switchboard.handler;

import io.switchboard.errors.BadRequestException;
import io.switchboard.errors.GoneException;
import io.switchboard.errors.PayloadTooLargeException;
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
     * What became of a fan-out.
     *
     * @param delivered members the message was queued for (open and reading when it was posted)
     * @param gone      members that had closed meanwhile, or were closed for not reading (1008)
     */
    record FanOut(int delivered, int gone) {
    }
}
