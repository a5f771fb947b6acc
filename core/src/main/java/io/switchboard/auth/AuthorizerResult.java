package io.switchboard.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an authorizer let in: AWS's {@code principalId}, the {@code context} it attached (string, number and boolean
 * values only) and, from a REQUEST authorizer, the API key it names for usage plans.
 *
 * @param principalId        the caller; {@code sub} for JWTs; {@code $context.authorizer.principalId}
 * @param context            values every later event of the connection carries in {@code requestContext.authorizer}
 * @param usageIdentifierKey the API key, when {@code api-key-selection-expression} is
 *                           {@code $context.authorizer.usageIdentifierKey}
 */
public record AuthorizerResult(String principalId, Map<String, Object> context, Optional<String> usageIdentifierKey) {

    public AuthorizerResult {
        Objects.requireNonNull(principalId, "principalId");
        context = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
        Objects.requireNonNull(usageIdentifierKey, "usageIdentifierKey");
    }

    /** {@code requestContext.authorizer} as AWS fills it: {@code principalId} and the context's values, flat. */
    public Map<String, Object> requestContextAuthorizer() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("principalId", principalId);
        context.forEach(out::putIfAbsent);
        return out;
    }
}
