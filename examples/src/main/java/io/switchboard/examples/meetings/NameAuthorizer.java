package io.switchboard.examples.meetings;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The meetings API's REQUEST authorizer on {@code $connect}, an AWS Lambda authorizer as seed 000 writes one (with
 * a query parameter, since browsers cannot set headers on a WebSocket upgrade). The gateway calls it only when
 * {@code ?name=} is there ({@code identity-source: [route.request.querystring.name]}; without it the client gets
 * 401 and nothing is called). A usable display name ({@link DisplayNames}) gets a policy allowing the connection,
 * with the name as {@code principalId} and in the context, so every later event of the connection carries it in
 * {@code requestContext.authorizer.name}; anything else is refused with 401 (the Lambda error "Unauthorized").
 */
public final class NameAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
    /** The authorizer context key the meeting handlers read the display name from. */
    public static final String NAME = "name";

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        Optional<String> name = DisplayNames.check(Optional.ofNullable(query.get(NAME)));
        if (name.isEmpty()) {
            // Never the name itself: whatever a client sends stays out of the server log.
            context.getLogger().log("refused a display name that is longer than " + DisplayNames.MAX_LENGTH
                    + " characters, blank or has control characters");
            throw new IllegalStateException("Unauthorized");
        }
        return IamPolicyResponse.builder()
                .withPrincipalId(name.get())
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(IamPolicyResponse.allowStatement(event.getMethodArn())))
                        .build())
                .withContext(Map.of(NAME, name.get()))
                .build();
    }
}
