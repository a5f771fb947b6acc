package io.switchboard.auth;

import io.switchboard.handler.GatewayError;
import io.switchboard.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a REQUEST authorizer's answer as AWS does (reference §5.2): {@code principalId} (required), a
 * {@code policyDocument} that must allow {@code execute-api:Invoke} on the method ARN (else 403), an optional
 * {@code context} of string, number and boolean values, an optional {@code usageIdentifierKey}. Anything else wrong
 * (not an object, no principal, no valid policy, an object or array in the context, more than 8 KB) is a 500.
 */
final class AuthorizerResponses {
    /** AWS's limit on an authorizer's result. */
    static final int MAX_RESULT_BYTES = 8 * 1024;

    private AuthorizerResponses() {
    }

    static AuthorizerDecision decide(JsonNode answer, String methodArn) {
        if (answer == null || !answer.isObject()) {
            return invalid("the answer is not a JSON object with principalId and policyDocument");
        }
        if (Json.MAPPER.writeValueAsBytes(answer).length > MAX_RESULT_BYTES) {
            return invalid("the answer is larger than " + MAX_RESULT_BYTES + " bytes");
        }
        JsonNode principal = answer.get("principalId");
        if (principal == null || !principal.isValueNode() || principal.isNull()) {
            return invalid("principalId is missing or not a string");
        }
        boolean allowed;
        try {
            allowed = IamPolicy.allows(answer.get("policyDocument"), methodArn);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        Map<String, Object> context = new LinkedHashMap<>();
        JsonNode contextNode = answer.get("context");
        if (contextNode != null && !contextNode.isNull()) {
            if (!contextNode.isObject()) {
                return invalid("context must be an object");
            }
            for (Map.Entry<String, JsonNode> e : contextNode.properties()) {
                JsonNode v = e.getValue();
                if (v.isString()) {
                    context.put(e.getKey(), v.asString());
                } else if (v.isNumber()) {
                    context.put(e.getKey(), v.numberValue());
                } else if (v.isBoolean()) {
                    context.put(e.getKey(), v.booleanValue());
                } else if (!v.isNull()) {
                    return invalid("context." + e.getKey() + " is an object or array; only strings, numbers and "
                            + "booleans are allowed");
                }
            }
        }
        JsonNode key = answer.get("usageIdentifierKey");
        if (key != null && !key.isNull() && !key.isString()) {
            return invalid("usageIdentifierKey must be a string");
        }
        if (!allowed) {
            return AuthorizerDecision.refuse(GatewayError.ACCESS_DENIED, "the policy does not allow " + methodArn);
        }
        Optional<String> usageKey = key == null || key.isNull() ? Optional.empty() : Optional.of(key.asString());
        return AuthorizerDecision.allow(new AuthorizerResult(principal.asString(), context, usageKey));
    }

    private static AuthorizerDecision invalid(String reason) {
        return AuthorizerDecision.refuse(GatewayError.AUTHORIZER_FAILURE, "invalid authorizer answer: " + reason);
    }
}
