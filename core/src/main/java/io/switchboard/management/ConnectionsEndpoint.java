package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.connections.ConnectionService;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.ManagementResponses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /{stage}/@connections/{connectionId}}, as API Gateway's {@code ApiGatewayManagementApi}: {@code POST}
 * sends the body (200), {@code GET} describes the connection (200), {@code DELETE} closes it (204).
 */
final class ConnectionsEndpoint {
    private final ConnectionService connections;

    ConnectionsEndpoint(ConnectionService connections) {
        this.connections = connections;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String connectionId,
                boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            OutboundMessage message = OutboundMessage.of(request.content());
            Replies.when(ctx, connections.post(stage, connectionId, message), keepAlive,
                    ok -> ManagementResponses.empty(ctx, HttpResponseStatus.OK, keepAlive));
        } else if (method.equals(HttpMethod.GET)) {
            Replies.when(ctx, connections.info(stage, connectionId), keepAlive,
                    status -> ManagementResponses.json(ctx, describe(status), keepAlive));
        } else if (method.equals(HttpMethod.DELETE)) {
            Replies.when(ctx, connections.delete(stage, connectionId), keepAlive,
                    ok -> ManagementResponses.empty(ctx, HttpResponseStatus.NO_CONTENT, keepAlive));
        } else {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@connections takes POST, GET and DELETE",
                    keepAlive);
        }
    }

    /** AWS's {@code GetConnection} output, with its wire names and ISO-8601 times. */
    private static Map<String, Object> describe(ConnectionStatus status) {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("sourceIp", status.sourceIp());
        identity.put("userAgent", status.userAgent().orElse(null));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("connectedAt", status.connectedAt().toString());
        body.put("identity", identity);
        body.put("lastActiveAt", status.lastActiveAt().toString());
        return body;
    }
}
