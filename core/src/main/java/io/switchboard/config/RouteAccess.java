package io.switchboard.config;

import java.util.Optional;

/**
 * A route's protection: the authorizer that runs before it ({@code $connect} only, as on AWS), whether it needs an
 * API key, and its own token bucket.
 *
 * @param authorizer     the name of one of the API's authorizers
 * @param apiKeyRequired whether a request without a known API key is refused (403)
 * @param throttling     the route's own bucket, besides the stage's; empty means the stage's only
 */
public record RouteAccess(Optional<String> authorizer, boolean apiKeyRequired, Optional<ThrottleConfig> throttling) {

    /** Open: no authorizer, no key, the stage's limits. */
    public static final RouteAccess OPEN = new RouteAccess(Optional.empty(), false, Optional.empty());

    static RouteAccess read(String key, ConfigNode n) {
        Optional<String> authorizer = n.optionalString("authorizer").filter(s -> !s.isBlank());
        if (authorizer.isPresent() && !key.equals(RouteConfig.CONNECT)) {
            n.problem("authorizer", "only $connect can have an authorizer: a connection is authorized once, when "
                    + "it opens (as on AWS)");
        }
        boolean apiKeyRequired = n.bool("api-key-required", false);
        if (apiKeyRequired && key.equals(RouteConfig.DISCONNECT)) {
            n.problem("api-key-required", "cannot be used on $disconnect");
        }
        Optional<ThrottleConfig> throttling = n.optionalSection("throttling",
                t -> ThrottleConfig.read(t, ThrottleConfig.AWS_DEFAULTS));
        if (throttling.isPresent() && key.equals(RouteConfig.DISCONNECT)) {
            n.problem("throttling", "cannot be used on $disconnect: it runs for every connection that closes");
        }
        return new RouteAccess(authorizer, apiKeyRequired, throttling);
    }
}
