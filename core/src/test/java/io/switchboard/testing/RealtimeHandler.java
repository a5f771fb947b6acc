package io.switchboard.testing;

import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Uses the real-time stack through {@link RouteContext}: {@code {"action": …}} with {@code whoami}, {@code connected},
 * {@code devices}, {@code presence} and {@code dm} (users), {@code publish} (topics), {@code roundtrip} (a queue:
 * send, receive, delete) and {@code notify} (the pusher). A gateway error is answered with its catalogue name.
 */
public final class RealtimeHandler implements RouteHandler {

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) {
        JsonNode body = Json.MAPPER.readTree(event.body().orElse("{}"));
        String user = body.path("user").asString("");
        String text = body.path("text").asString("");
        try {
            return RouteResult.ok(switch (body.path("action").asString("")) {
                case "whoami" -> context.users().userOf(event.connectionId()).orElse("?");
                case "connected" -> String.join(",", new TreeSet<>(context.users().connected()));
                case "devices" -> Integer.toString(context.users().connectionsOf(user).size());
                case "presence" -> context.users().presence(user).status().name();
                case "dm" -> {
                    var fanOut = context.users().post(user, text);
                    yield fanOut.delivered() + "/" + fanOut.gone();
                }
                case "publish" -> "published " + context.topics().publish(body.path("topic").asString(), text,
                        Map.of("via", "handler")).length();
                case "roundtrip" -> {
                    context.queues().send("work", text, Map.of("k", "v"), Duration.ZERO);
                    List<QueueMessage> got = context.queues().receive("work", 10, Duration.ofSeconds(1));
                    got.forEach(m -> context.queues().delete("work", m.receiptHandle()));
                    yield got.get(0).body() + "|" + got.get(0).attributes().get("k");
                }
                case "notify" -> "notified " + context.notifications().notify(text).notified();
                default -> "unknown action";
            });
        } catch (GatewayException e) {
            return RouteResult.ok(e.error().name());
        }
    }
}
