package io.switchboard.auth;

import io.switchboard.config.AccessConfig;
import io.switchboard.config.ApiConfig;
import io.switchboard.config.RouteConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.throttle.ApiKeyGrant;
import io.switchboard.throttle.ApiLimits;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Who may connect to one API and how much they may send: the checks that run before the {@code $connect}
 * integration, in AWS's order, and the limits every message passes.
 *
 * <ol>
 *   <li>the {@code $connect} route's and the stage's token buckets: 429;</li>
 *   <li>the {@code $connect} authorizer: 401 (no identity, or "Unauthorized"), 403 (denied, invalid token), 500
 *       (authorizer failure);</li>
 *   <li>the API key, from {@code x-api-key} or the authorizer's {@code usageIdentifierKey}: when {@code $connect}
 *       requires one, none or an unknown one gives 403; a known key's usage-plan bucket and quota give 429.</li>
 * </ol>
 */
public final class ApiAccess {
    private final Optional<Authorizer> connectAuthorizer;
    private final ApiLimits limits;
    private final AccessConfig.ApiKeySource keySource;

    public ApiAccess(Optional<Authorizer> connectAuthorizer, ApiLimits limits, AccessConfig.ApiKeySource keySource) {
        this.connectAuthorizer = connectAuthorizer;
        this.limits = limits;
        this.keySource = keySource;
    }

    /**
     * The access of an API: its {@code $connect} authorizer built by {@code authorizers}.
     *
     * @throws IllegalArgumentException when the authorizer cannot be built
     */
    public static ApiAccess of(ApiConfig api, Authorizers authorizers, ApiLimits limits) {
        Optional<Authorizer> authorizer = Optional.ofNullable(api.routes().get(RouteConfig.CONNECT))
                .flatMap(r -> r.access().authorizer())
                .flatMap(name -> api.access().authorizer(name))
                .map(authorizers::create);
        return new ApiAccess(authorizer, limits, api.access().apiKeySource());
    }

    /** The limits messages pass. */
    public ApiLimits limits() {
        return limits;
    }

    /**
     * Runs the checks before {@code $connect}.
     *
     * @return completes, on any thread, with the admission; never completes exceptionally
     */
    public CompletionStage<Admission> admitConnect(RouteEvent connect) {
        Optional<GatewayError> throttled = limits.admitRoute(RouteConfig.CONNECT);
        if (throttled.isPresent()) {
            return CompletableFuture.completedFuture(Admission.refused(throttled.get(), "throttled"));
        }
        if (connectAuthorizer.isEmpty()) {
            return apiKey(connect, Optional.empty());
        }
        return connectAuthorizer.get().authorize(connect).thenCompose(decision -> decision.allowed()
                ? apiKey(connect, decision.result())
                : CompletableFuture.completedFuture(Admission.refused(decision.error().orElseThrow(),
                        decision.reason())))
                .exceptionally(e -> Admission.refused(GatewayError.AUTHORIZER_FAILURE, "authorizer failed: " + e));
    }

    private CompletionStage<Admission> apiKey(RouteEvent connect, Optional<AuthorizerResult> authorizer) {
        Optional<String> value = keySource == AccessConfig.ApiKeySource.HEADER
                ? connect.header("x-api-key").filter(v -> !v.isEmpty())
                : authorizer.flatMap(AuthorizerResult::usageIdentifierKey);
        Optional<ApiKeyGrant> key = value.flatMap(limits::key);
        if (key.isEmpty()) {
            if (limits.keyRequired(RouteConfig.CONNECT)) {
                return CompletableFuture.completedFuture(Admission.refused(GatewayError.API_KEY_REJECTED,
                        value.isEmpty() ? "no API key" : "an unknown API key"));
            }
            return CompletableFuture.completedFuture(Admission.admitted(authorizer, limits.allowance(key)));
        }
        return limits.charge(key.get()).thenApply(refused -> refused
                .map(error -> Admission.refused(error, "usage plan " + key.get().plan() + " of key " + key.get().id()))
                .orElseGet(() -> Admission.admitted(authorizer, limits.allowance(key))));
    }
}
