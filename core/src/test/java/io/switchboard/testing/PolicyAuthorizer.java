package io.switchboard.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda REQUEST authorizer, written as for AWS: records each event it gets (stage {@code authorizer}) and decides
 * by the {@code HeaderAuth1} header: {@code allow}, {@code allow-all} (a wildcard resource), {@code deny},
 * {@code wrong-resource} (a policy for other routes only), {@code unauthorized} (throws "Unauthorized"),
 * {@code malformed} (answers {@code {"statusCode":401}}), {@code throw}, {@code object-context}, or
 * {@code usage:KEY} (allows and names an API key).
 */
public final class PolicyAuthorizer implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        LambdaRecorder.record("authorizer", event);
        String arn = (String) event.get("methodArn");
        String decision = String.valueOf(((Map<String, Object>) event.get("headers")).get("HeaderAuth1"));
        Map<String, Object> context2 = new LinkedHashMap<>();
        context2.put("tier", ((Map<String, Object>) event.get("stageVariables")).getOrDefault("tier", "none"));
        context2.put("admin", true);
        context2.put("n", 7);
        return switch (decision) {
            case "allow" -> policy("ann", "Allow", arn, context2);
            case "allow-all" -> policy("ann", "Allow", "arn:aws:execute-api:*:*:*", context2);
            case "deny" -> policy("ann", "Deny", arn, context2);
            case "wrong-resource" -> policy("ann", "Allow", arn.replace("/$connect", "/*/*"), context2);
            case "unauthorized" -> throw new IllegalStateException("Unauthorized");
            case "malformed" -> Map.of("statusCode", 401);
            case "throw" -> throw new IllegalStateException("the authorizer broke");
            case "object-context" -> policy("ann", "Allow", arn, Map.of("nested", Map.of("a", 1)));
            default -> {
                if (decision.startsWith("usage:")) {
                    Map<String, Object> answer = policy("ann", "Allow", arn, context2);
                    answer.put("usageIdentifierKey", decision.substring(6));
                    yield answer;
                }
                throw new IllegalStateException("unexpected HeaderAuth1 " + decision);
            }
        };
    }

    private static Map<String, Object> policy(String principal, String effect, String resource,
                                              Map<String, Object> context) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("principalId", principal);
        answer.put("policyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke", "Effect", effect, "Resource", resource))));
        answer.put("context", context);
        return answer;
    }
}
