package io.switchboard.notify;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.Notification;
import io.switchboard.json.Json;
import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads SUMU's notification requests: {@code {"users": [...], "exclude_users": [...], "data": ...}}. */
public final class NotificationRequests {

    private NotificationRequests() {
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
