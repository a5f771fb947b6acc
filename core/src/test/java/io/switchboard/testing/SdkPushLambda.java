package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * A Lambda handler written as the seeds write them: it builds its management client from the event's
 * {@code domainName} and {@code stage} ({@code http://} standing in for the seeds' {@code https://} on a plain
 * listener) and posts back to the caller.
 */
public final class SdkPushLambda implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        var request = event.getRequestContext();
        String callbackUrl = "http://" + request.getDomainName() + "/" + request.getStage();
        try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(callbackUrl))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        ManagementClients.ACCESS_KEY, ManagementClients.SECRET_KEY)))
                .httpClient(ApacheHttpClient.create())
                .build()) {
            client.postToConnection(r -> r.connectionId(request.getConnectionId())
                    .data(SdkBytes.fromUtf8String("pushed by a lambda via " + callbackUrl)));
        }
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(200);
        return response;
    }
}
