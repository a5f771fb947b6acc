package io.switchboard.examples.console;

import io.switchboard.examples.Messages;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.UserPresence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Seed 003's demo server: reads what reaches the {@code messages} topic and queue (clients' {@code publish} and
 * {@code send}, and presence events) and decides which notification request, in SUMU's shape
 * {@code {"users":[…],"exclude_users":[…],"data":…}}, answers it:
 * <ul>
 *   <li>a presence event goes to everyone but the user it is about;</li>
 *   <li>{@code {"type":"message","message":{"text","push_mode","users"}}} goes, as
 *       {@code {"type":"message","message":{"text","user_id","timestamp","push_mode","via"}}}, to the sender alone
 *       ({@code UNICAST}), to the chosen users but the sender ({@code MULTICAST}) or to everyone but the sender
 *       ({@code BROADCAST}); a message that cannot be delivered so gets the sender an {@code error};</li>
 *   <li>{@code {"type":"get_connected_users"}} gets the sender {@code {"type":"connected_users","message":
 *       {"users":[…]}}}, everyone connected but the sender.</li>
 * </ul>
 * Anything else is left alone: the topic and queue are open to other backends and message types.
 */
final class ConsoleBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBackend.class);
    private static final String ROUTE_SOURCE = "switchboard.route.";
    static final int MAX_TEXT = 500;
    static final int MAX_USERS = 100;

    private final ApiServices api;

    ConsoleBackend(ApiServices api) {
        this.api = api;
    }

    /** The notification request that answers a message of the topic or queue, if it needs one. */
    Optional<String> answer(String body, Map<String, String> attributes) {
        String sender = attributes.getOrDefault("user_id", "");
        String source = attributes.getOrDefault("source", "");
        JsonNode event = parse(body);
        String type = event.path("type").asString("");
        JsonNode message = event.path("message");
        if (sender.isEmpty()) {
            return Optional.empty();
        }
        if (source.equals(UserPresence.EVENT_SOURCE) && type.equals("presence")) {
            return Optional.of(request(List.of(), List.of(sender), "presence", message));
        }
        if (!source.startsWith(ROUTE_SOURCE)) {
            return Optional.empty();
        }
        String via = source.substring(ROUTE_SOURCE.length());
        return switch (type) {
            case "message" -> Optional.of(message(message, sender, attributes.getOrDefault("timestamp", "0"), via));
            case "get_connected_users" -> Optional.of(connectedUsers(sender));
            default -> {
                LOG.debug("a {} of type '{}' is not for the console; left alone", via, type);
                yield Optional.empty();
            }
        };
    }

    private String message(JsonNode message, String sender, String timestamp, String via) {
        String text = message.path("text").isString() ? message.path("text").asString().strip() : "";
        if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT) {
            return error(sender, via, "A message is 1 to " + MAX_TEXT + " characters.");
        }
        String mode = message.path("push_mode").asString("");
        List<String> users = List.of();
        List<String> exclude = List.of(sender);
        switch (mode) {
            case "UNICAST" -> {
                users = List.of(sender);
                exclude = List.of();
            }
            case "MULTICAST" -> {
                Optional<List<String>> chosen = users(message.path("users"));
                if (chosen.isEmpty()) {
                    return error(sender, via, "MULTICAST needs 1 to " + MAX_USERS + " users to send to.");
                }
                users = chosen.get();
            }
            case "BROADCAST" -> {
                // everyone but the sender
            }
            default -> {
                return error(sender, via, "push_mode is UNICAST, MULTICAST or BROADCAST.");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("user_id", sender);
        data.put("timestamp", parseLong(timestamp));
        data.put("push_mode", mode);
        data.put("via", via);
        return request(users, exclude, "message", Messages.JSON.valueToTree(data));
    }

    private String connectedUsers(String requester) {
        Set<String> others = new TreeSet<>(api.users().connected());
        others.remove(requester);
        return request(List.of(requester), List.of(), "connected_users",
                Messages.JSON.valueToTree(Map.of("users", List.copyOf(others))));
    }

    private static String error(String sender, String via, String text) {
        return request(List.of(sender), List.of(), "error",
                Messages.JSON.valueToTree(Map.of("text", text, "via", via)));
    }

    /** {@code {"users":[…],"exclude_users":[…],"data":{"type":…,"message":…}}}; no users means everyone. */
    private static String request(List<String> users, List<String> exclude, String type, JsonNode message) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("message", message);
        Map<String, Object> request = new LinkedHashMap<>();
        if (!users.isEmpty()) {
            request.put("users", users);
        }
        if (!exclude.isEmpty()) {
            request.put("exclude_users", exclude);
        }
        request.put("data", data);
        return Messages.JSON.writeValueAsString(request);
    }

    private static Optional<List<String>> users(JsonNode list) {
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_USERS) {
            return Optional.empty();
        }
        Set<String> users = new LinkedHashSet<>();
        for (JsonNode user : list) {
            if (!user.isString() || user.asString().isBlank()) {
                return Optional.empty();
            }
            users.add(user.asString());
        }
        return Optional.of(new ArrayList<>(users));
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Messages.JSON.readTree(body);
            return node == null ? Messages.JSON.missingNode() : node;
        } catch (JacksonException e) {
            return Messages.JSON.missingNode();
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
