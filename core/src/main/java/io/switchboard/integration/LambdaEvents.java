package io.switchboard.integration;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between the gateway's events and the classes of {@code aws-lambda-java-events}, so that Lambda handler
 * classes run unchanged. Fields the Java class lacks ({@code disconnectStatusCode}, {@code disconnectReason}) are
 * missing on AWS too, where the runtime deserialises the JSON event into this class.
 */
final class LambdaEvents {

    private LambdaEvents() {
    }

    static APIGatewayV2WebSocketEvent toAws(RouteEvent event) {
        ConnectionInfo c = event.connection();
        APIGatewayV2WebSocketEvent aws = new APIGatewayV2WebSocketEvent();
        if (!event.headers().isEmpty()) {
            aws.setHeaders(new LinkedHashMap<>(event.headers()));
            aws.setMultiValueHeaders(new LinkedHashMap<>(event.multiValueHeaders()));
        }
        if (!event.queryStringParameters().isEmpty()) {
            aws.setQueryStringParameters(new LinkedHashMap<>(event.queryStringParameters()));
            aws.setMultiValueQueryStringParameters(new LinkedHashMap<>(event.multiValueQueryStringParameters()));
        }
        if (!event.stageVariables().isEmpty()) {
            aws.setStageVariables(new LinkedHashMap<>(event.stageVariables()));
        }
        event.body().ifPresent(aws::setBody);
        aws.setIsBase64Encoded(event.isBase64Encoded());

        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(event.routeKey());
        if (event.eventType() == EventType.MESSAGE) {
            event.messageId().ifPresent(context::setMessageId);
        }
        context.setEventType(event.eventType().name());
        context.setExtendedRequestId(event.requestId());
        context.setRequestId(event.requestId());
        context.setRequestTime(event.requestTime());
        context.setRequestTimeEpoch(event.requestTimeEpoch());
        context.setMessageDirection("IN");
        context.setStage(c.stage());
        context.setConnectedAt(c.connectedAt());
        context.setDomainName(c.domainName());
        context.setConnectionId(c.connectionId());
        context.setApiId(c.apiId());
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(c.sourceIp());
        c.userAgent().ifPresent(identity::setUserAgent);
        c.apiKey().ifPresent(key -> identity.setApiKey(key.value()));
        context.setIdentity(identity);
        if (!c.authorizer().isEmpty()) {
            context.setAuthorizer(new LinkedHashMap<>(c.authorizer()));
        }
        aws.setRequestContext(context);
        return aws;
    }

    /** A Lambda response; a status left at 0 (never set) counts as 200. */
    static RouteResult fromAws(APIGatewayV2WebSocketResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> {
                if (values != null && values.length > 0) {
                    headers.put(name, values[values.length - 1]);
                }
            });
        }
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        int status = response.getStatusCode() == 0 ? 200 : response.getStatusCode();
        return new RouteResult(status, headers, Optional.ofNullable(response.getBody()), response.isIsBase64Encoded());
    }
}
