package io.switchboard.notify;

import io.switchboard.errors.GatewayError;
import io.switchboard.errors.GatewayException;
import io.switchboard.json.Json;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

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

    /**
     * Reads a request; {@code data} is serialised here, once, however many connections receive it.
     *
     * @throws GatewayException {@code BAD_REQUEST} when it is not such a request
     */
    public static Notification parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw bad("a notification request is JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw bad("a notification request is a JSON object {\"users\":[…],\"exclude_users\":[…],\"data\":…}");
        }
        if (!root.has("data")) {
            throw bad("a notification request needs \"data\", what the users receive");
        }
        return new Notification(users(root, "users"), users(root, "exclude_users"),
                Json.MAPPER.writeValueAsString(root.get("data")));
    }

    private static Set<String> users(JsonNode root, String field) {
        JsonNode list = root.get(field);
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw bad("\"" + field + "\" is a list of user ids");
        }
        Set<String> users = new LinkedHashSet<>();
        for (JsonNode user : list) {
            if (!user.isString() || user.asString().isEmpty()) {
                throw bad("\"" + field + "\" lists user ids as non-empty strings");
            }
            users.add(user.asString());
        }
        return users;
    }

    private static GatewayException bad(String detail) {
        return GatewayException.of(GatewayError.BAD_REQUEST, detail);
    }
}
