package io.switchboard.testing;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Uses the in-process rooms API: {@code {"action":"join","group":"g"}} joins the sender and answers its id;
 * {@code leave} leaves; {@code say} sends {@code text} to the group but the sender and answers
 * {@code delivered/gone}; {@code speak} does the same as a member ({@code Groups.postFrom}), answering
 * {@code not a member} when the sender is not one; {@code {"action":"enter","group":"g","capacity":n}} joins atomically, announcing
 * {@code {"entered":<id>}} to the members already there, and answers {@code {"you":…,"outcome":…,"others":[…]}}.
 */
public final class RoomHandler implements RouteHandler {

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body = Json.MAPPER.readTree(event.body().orElse("{}"));
        String group = body.path("group").asString("");
        String me = event.connectionId();
        return switch (body.path("action").asString("")) {
            case "join" -> {
                context.groups().join(group, me);
                yield RouteResult.ok(me);
            }
            case "enter" -> {
                var joined = context.groups().join(group, me, body.path("capacity").asInt(Integer.MAX_VALUE),
                        Json.MAPPER.createObjectNode().put("entered", me).toString());
                var answer = Json.MAPPER.createObjectNode().put("you", me).put("outcome", joined.outcome().name());
                joined.others().forEach(answer.putArray("others")::add);
                yield RouteResult.ok(answer.toString());
            }
            case "leave" -> {
                context.groups().leave(group, me);
                yield RouteResult.ok("left");
            }
            case "say" -> {
                var fanOut = context.groups().post(group, body.path("text").asString(""), Set.of(me));
                yield RouteResult.ok(fanOut.delivered() + "/" + fanOut.gone());
            }
            case "speak" -> context.groups().postFrom(group, me, body.path("text").asString(""))
                    .map(fanOut -> RouteResult.ok(fanOut.delivered() + "/" + fanOut.gone()))
                    .orElseGet(() -> RouteResult.ok("not a member"));
            default -> RouteResult.status(400).withBody("unknown action");
        };
    }
}
