package io.switchboard.auth;

import io.switchboard.handler.RouteEvent;
import io.switchboard.integration.EventJson;
import io.switchboard.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The input event of a REQUEST authorizer, as AWS sends it for WebSocket APIs (reference §5.2): {@code type},
 * {@code methodArn}, the upgrade request's headers and query string (as in the CONNECT event), {@code stageVariables}
 * (always, {@code {}} when none) and the CONNECT event's {@code requestContext}. There is no body and no
 * {@code pathParameters}.
 */
final class AuthorizerEvents {
    /** The region and account in ARNs; there is no AWS account behind a self-hosted gateway. */
    static final String REGION = "local";
    static final String ACCOUNT = "000000000000";

    private AuthorizerEvents() {
    }

    /** {@code arn:aws:execute-api:local:000000000000:{apiId}/{stage}/$connect}. */
    static String methodArn(RouteEvent connect) {
        return "arn:aws:execute-api:" + REGION + ":" + ACCOUNT + ":" + connect.connection().apiId() + "/"
                + connect.connection().stage() + "/" + connect.routeKey();
    }

    static byte[] write(RouteEvent connect) {
        JsonNode event = Json.MAPPER.readTree(EventJson.write(connect));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("type", "REQUEST");
        out.put("methodArn", methodArn(connect));
        for (String field : new String[] {"headers", "multiValueHeaders", "queryStringParameters",
            "multiValueQueryStringParameters"}) {
            if (event.has(field)) {
                out.set(field, event.get(field));
            }
        }
        out.set("stageVariables", event.has("stageVariables") ? event.get("stageVariables")
                : Json.MAPPER.createObjectNode());
        out.set("requestContext", event.get("requestContext"));
        return Json.MAPPER.writeValueAsBytes(out);
    }
}
