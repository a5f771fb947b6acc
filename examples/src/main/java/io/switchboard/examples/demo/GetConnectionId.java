package io.switchboard.examples.demo;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

/**
 * The {@code GET_CONNECTION_ID} pattern of seed 004: a browser sends {@code {"action":"GET_CONNECTION_ID"}} once
 * connected and learns its own connection id, to join rooms with it. Written as a plain AWS Lambda handler, as it
 * would run on AWS; here the answer goes back through the route response instead of a call to {@code @connections}.
 */
public final class GetConnectionId
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        String connectionId = event.getRequestContext().getConnectionId();
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setBody("{\"connectionId\":\"" + connectionId + "\"}");
        return response;
    }
}
