package io.switchboard.handler;

import java.util.Objects;
import java.util.Set;

/**
 * A notification request, as backends send it to SUMU's pusher:
 * {@code {"users": [...], "exclude_users": [...], "data": ...}}. With users it goes to their connections (unicast,
 * multicast); without, to every connection of the API (broadcast); excluded users are left out either way. A user
 * named twice is notified once.
 *
 * @param users        the users to notify; empty for everyone
 * @param excludeUsers users left out
 * @param data         what every targeted connection receives: the {@code data} value as JSON text
 */
public record Notification(Set<String> users, Set<String> excludeUsers, String data) {

    public Notification {
        users = Set.copyOf(users);
        excludeUsers = Set.copyOf(excludeUsers);
        Objects.requireNonNull(data, "data");
    }

    /** A broadcast of a JSON value (given as JSON text) to everyone but the excluded users. */
    public static Notification broadcast(String dataJson, Set<String> excludeUsers) {
        return new Notification(Set.of(), excludeUsers, dataJson);
    }

    /** A notification of a JSON value (given as JSON text) to some users. */
    public static Notification to(Set<String> users, String dataJson) {
        return new Notification(users, Set.of(), dataJson);
    }
}
