package io.switchboard.examples.videochat;

import io.switchboard.examples.Messages;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** What the video chat's handlers share: reading a request, naming a room, answering an error. */
final class Rooms {
    /** A mesh call works for a handful of people: every participant sends its video to every other. */
    static final int MAX_PARTICIPANTS = 4;
    private static final Pattern COUNT = Pattern.compile("[1-9][0-9]{0,6}");
    private static final Pattern ROOM_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Rooms() {
    }

    /** A request naming a room: its JSON body and the room's group. */
    record Request(JsonNode body, String group) {
    }

    /** The answer to a request without a valid {@code roomId}. */
    static RouteResult badRoom() {
        return error("roomId must be 1 to 64 letters, digits, '-' or '_'");
    }

    /** The request, when the body is a JSON object with a valid {@code roomId}. */
    static Optional<Request> request(RouteEvent event) {
        return body(event).flatMap(body -> group(body).map(group -> new Request(body, group)));
    }

    /** People a room holds: the stage variable {@code maxParticipants}, else {@link #MAX_PARTICIPANTS}. */
    static int capacity(RouteEvent event) {
        String configured = event.stageVariables().getOrDefault("maxParticipants", "");
        return COUNT.matcher(configured).matches() ? Integer.parseInt(configured) : MAX_PARTICIPANTS;
    }

    /** The message body as JSON; empty when it is not a JSON object. */
    private static Optional<JsonNode> body(RouteEvent event) {
        try {
            JsonNode body = Messages.JSON.readTree(event.body().orElse(""));
            return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The group that holds a room's participants. */
    private static Optional<String> group(JsonNode body) {
        JsonNode roomId = body.path("roomId");
        String id = roomId.isNumber() ? roomId.asString() : roomId.asString("");
        return ROOM_ID.matcher(id).matches() ? Optional.of("room:" + id) : Optional.empty();
    }

    /** The room id of a group made by {@link #group}. */
    static String roomId(String group) {
        return group.substring("room:".length());
    }

    /** A JSON message, fields in the order given; see {@link Messages#json}. */
    static String json(Object... namesAndValues) {
        return Messages.json(namesAndValues);
    }

    /** A 400 whose body tells the client what was wrong. */
    static RouteResult error(String message) {
        return RouteResult.status(400).withBody(json("type", "error", "message", message));
    }
}
