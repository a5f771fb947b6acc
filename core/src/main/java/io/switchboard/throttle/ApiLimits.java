package io.switchboard.throttle;

import io.switchboard.config.AccessConfig;
import io.switchboard.config.ApiConfig;
import io.switchboard.config.RouteConfig;
import io.switchboard.config.ThrottleConfig;
import io.switchboard.config.UsagePlanConfig;
import io.switchboard.handler.GatewayError;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The rate limits, API keys and quotas of one API, at run time. Checks run on event loops without blocking: token
 * buckets are lock-free, and quotas go through the {@link QuotaStore}.
 *
 * <p>A request passes, in this order, its connection's bucket (messages only), its route's bucket, the stage's bucket
 * and, for a connection opened with an API key, the key's usage-plan bucket and quota. A request refused by a later
 * check has still used its tokens in the earlier buckets, as AWS's layered limits behave.
 */
public final class ApiLimits {
    private final String stage;
    private final TokenBucket stageBucket;
    private final Map<String, TokenBucket> routeBuckets;
    private final Set<String> keyRequired;
    private final Optional<ThrottleConfig> perConnection;
    private final Map<String, ApiKeyGrant> keysByValue;
    private final QuotaStore quotas;
    private final Clock clock;

    private ApiLimits(ApiConfig api, QuotaStore quotas, Clock clock) {
        AccessConfig access = api.access();
        this.stage = api.stage();
        this.stageBucket = TokenBucket.of(access.throttling());
        this.routeBuckets = api.routes().values().stream().filter(r -> r.access().throttling().isPresent())
                .collect(Collectors.toUnmodifiableMap(RouteConfig::key,
                        r -> TokenBucket.of(r.access().throttling().get())));
        this.keyRequired = api.routes().values().stream().filter(r -> r.access().apiKeyRequired())
                .map(RouteConfig::key).collect(Collectors.toUnmodifiableSet());
        this.perConnection = access.perConnection();
        Map<String, ApiKeyGrant> keys = new HashMap<>();
        for (UsagePlanConfig plan : access.usagePlans()) {
            for (UsagePlanConfig.ApiKey key : plan.apiKeys()) {
                keys.put(key.value(), new ApiKeyGrant(key.id(), key.value(), plan.name(),
                        plan.throttling().map(TokenBucket::of), plan.quota()));
            }
        }
        this.keysByValue = Map.copyOf(keys);
        this.quotas = quotas;
        this.clock = clock;
    }

    /** The limits of an API; quotas are counted in {@code quotas}, periods by {@code clock}. */
    public static ApiLimits of(ApiConfig api, QuotaStore quotas, Clock clock) {
        return new ApiLimits(api, quotas, clock);
    }

    /** Whether requests on this route need a known API key. */
    public boolean keyRequired(String routeKey) {
        return keyRequired.contains(routeKey);
    }

    /** The key a usage plan knows by this value. */
    public Optional<ApiKeyGrant> key(String value) {
        return Optional.ofNullable(keysByValue.get(value));
    }

    /** The allowance of a connection opened with this key (or none). */
    public Allowance allowance(Optional<ApiKeyGrant> key) {
        return new Allowance(perConnection.map(TokenBucket::of), key);
    }

    /** The route's and the stage's buckets, for a {@code $connect} or a message of the given route. */
    public Optional<GatewayError> admitRoute(String routeKey) {
        TokenBucket route = routeBuckets.get(routeKey);
        if (route != null && !route.tryAcquire()) {
            return Optional.of(GatewayError.THROTTLED);
        }
        return stageBucket.tryAcquire() ? Optional.empty() : Optional.of(GatewayError.THROTTLED);
    }

    /**
     * Every check for a message: the connection's bucket, the route's API key requirement, the route and stage
     * buckets, and the key's usage plan.
     *
     * @return completes with the error the client gets, or empty when the message may go to its integration
     */
    public CompletionStage<Optional<GatewayError>> admitMessage(Allowance allowance, String routeKey) {
        if (allowance.connectionBucket().isPresent() && !allowance.connectionBucket().get().tryAcquire()) {
            return refused(GatewayError.THROTTLED);
        }
        if (keyRequired(routeKey) && allowance.apiKey().isEmpty()) {
            return refused(GatewayError.API_KEY_REJECTED);
        }
        Optional<GatewayError> route = admitRoute(routeKey);
        if (route.isPresent()) {
            return CompletableFuture.completedFuture(route);
        }
        return allowance.apiKey().map(this::charge).orElse(ALLOWED);
    }

    /** Counts one request against a key's usage plan: its bucket, then its quota. */
    public CompletionStage<Optional<GatewayError>> charge(ApiKeyGrant key) {
        if (key.bucket().isPresent() && !key.bucket().get().tryAcquire()) {
            return refused(GatewayError.THROTTLED);
        }
        if (key.quota().isEmpty()) {
            return ALLOWED;
        }
        UsagePlanConfig.Quota quota = key.quota().get();
        long periodStart = QuotaPeriods.start(quota.period(), clock.instant());
        // A quota store that cannot answer lets the request through: quotas meter use, they do not guard access.
        return quotas.tryConsume(stage + "/" + key.id(), periodStart, quota.limit())
                .thenApply(counted -> counted ? Optional.<GatewayError>empty()
                        : Optional.of(GatewayError.QUOTA_EXCEEDED))
                .exceptionally(error -> Optional.empty());
    }

    private static final CompletionStage<Optional<GatewayError>> ALLOWED =
            CompletableFuture.completedFuture(Optional.empty());

    private static CompletionStage<Optional<GatewayError>> refused(GatewayError error) {
        return CompletableFuture.completedFuture(Optional.of(error));
    }
}
