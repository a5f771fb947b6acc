package io.switchboard.auth;

import io.switchboard.config.AuthorizerConfig;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.integration.Integrations;
import io.switchboard.integration.JsonFunction;
import io.switchboard.integration.LimitedBody;
import io.switchboard.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * AWS's Lambda REQUEST authorizer. When an identity source is missing the answer is 401 and nothing is called.
 * Otherwise the authorizer event goes to the integration:
 * <ul>
 *   <li>{@code function}: an AWS Lambda handler class on the function threads. Throwing an exception whose message
 *       is exactly {@code Unauthorized} gives 401, as {@code throw new Error("Unauthorized")} does on AWS; any other
 *       exception gives 500.</li>
 *   <li>{@code http}: the event is POSTed as JSON, asynchronously. A 2xx answer carries the result; HTTP 401, or a
 *       body {@code "Unauthorized"} or {@code {"errorMessage":"Unauthorized"}} (Lambda's error shape), gives 401;
 *       HTTP 403 gives 403; anything else gives 500.</li>
 * </ul>
 * The result is read by {@link AuthorizerResponses}. Results are not cached: AWS caches authorizer results for HTTP
 * APIs only, never for WebSocket APIs.
 */
final class RequestAuthorizer implements Authorizer {
    private static final String UNAUTHORIZED = "Unauthorized";

    private final AuthorizerConfig.Request config;
    private final Function<RouteEvent, CompletionStage<JsonNode>> call;

    private RequestAuthorizer(AuthorizerConfig.Request config, Function<RouteEvent, CompletionStage<JsonNode>> call) {
        this.config = config;
        this.call = call;
    }

    /**
     * Builds the authorizer, loading its handler class.
     *
     * @throws IllegalArgumentException when the handler class cannot be used
     */
    static RequestAuthorizer create(AuthorizerConfig.Request config, Integrations integrations) {
        IntegrationConfig integration = config.integration();
        Duration timeout = integration.timeout();
        if (integration instanceof IntegrationConfig.Function f) {
            JsonFunction function = integrations.jsonFunction(f.handler());
            return new RequestAuthorizer(config, event -> function.invoke(AuthorizerEvents.write(event),
                    event.requestId(), timeout).toCompletableFuture()
                    .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        IntegrationConfig.Http http = (IntegrationConfig.Http) integration;
        HttpClient client = integrations.httpClient();
        return new RequestAuthorizer(config, event -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(http.uri())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Switchboard-Request-Id", event.requestId())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AuthorizerEvents.write(event)));
            http.headers().forEach(request::header);
            return client.sendAsync(request.build(), LimitedBody.handler(64 * 1024))
                    .thenApply(RequestAuthorizer::readHttpAnswer);
        });
    }

    @Override
    public CompletionStage<AuthorizerDecision> authorize(RouteEvent connect) {
        if (IdentityValues.all(config.identitySources(), connect).isEmpty()) {
            return CompletableFuture.completedFuture(AuthorizerDecision.refuse(GatewayError.UNAUTHORIZED,
                    "an identity source of authorizer " + config.name() + " is missing"));
        }
        String methodArn = AuthorizerEvents.methodArn(connect);
        CompletionStage<JsonNode> answer;
        try {
            answer = call.apply(connect);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((json, error) -> error == null ? AuthorizerResponses.decide(json, methodArn)
                : failure(error));
    }

    private AuthorizerDecision failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Rejection rejection) {
            return AuthorizerDecision.refuse(rejection.error, "authorizer " + config.name() + " answered HTTP "
                    + rejection.error.httpStatus());
        }
        if (UNAUTHORIZED.equals(cause.getMessage())) {
            return AuthorizerDecision.refuse(GatewayError.UNAUTHORIZED, "authorizer " + config.name()
                    + " failed with Unauthorized");
        }
        String what = cause instanceof TimeoutException ? "timed out" : "failed: " + cause;
        return AuthorizerDecision.refuse(GatewayError.AUTHORIZER_FAILURE, "authorizer " + config.name() + " " + what);
    }

    private static JsonNode readHttpAnswer(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 401) {
            throw new Rejection(GatewayError.UNAUTHORIZED);
        }
        if (status == 403) {
            throw new Rejection(GatewayError.ACCESS_DENIED);
        }
        if (status < 200 || status > 299) {
            throw new IllegalStateException("the authorizer answered HTTP " + status);
        }
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(response.body());
        } catch (JacksonException e) {
            throw new IllegalStateException("the authorizer's answer is not JSON");
        }
        boolean unauthorized = answer.isString() && answer.asString().equals(UNAUTHORIZED)
                || answer.isObject() && answer.path("errorMessage").asString("").equals(UNAUTHORIZED)
                && !answer.has("principalId");
        if (unauthorized) {
            throw new Rejection(GatewayError.UNAUTHORIZED);
        }
        return answer;
    }

    /** An HTTP authorizer's refusal by status or body. */
    private static final class Rejection extends RuntimeException {
        private final GatewayError error;

        Rejection(GatewayError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
