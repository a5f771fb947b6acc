package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/**
 * An unchanged-style AWS Lambda handler: records the AWS event and context, answers with the body and a status.
 * It keeps per-instance state without synchronisation, as Lambda code may, to show instances are not shared.
 */
public class LambdaEchoHandler
        implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private int calls;

    /** What the handler saw. */
    public record Seen(APIGatewayV2WebSocketEvent event, String awsRequestId, int remainingMillis,
                       String functionName, int instance, int callsOnThisInstance) {
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        int mine = ++calls;
        context.getLogger().log("handling " + event.getRequestContext().getRouteKey());
        LambdaRecorder.record("lambda-seen", new Seen(event, context.getAwsRequestId(),
                context.getRemainingTimeInMillis(), context.getFunctionName(), System.identityHashCode(this), mine));
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        response.setHeaders(Map.of("X-From", "lambda"));
        response.setBody("lambda:" + event.getBody());
        return response;
    }
}
