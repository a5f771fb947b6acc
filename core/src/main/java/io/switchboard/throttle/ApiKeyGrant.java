package io.switchboard.throttle;

import io.switchboard.config.UsagePlanConfig;
import java.util.Optional;

/**
 * A known API key and what its usage plan allows. The key's bucket is shared by every connection opened with it.
 *
 * @param id     the key's id ({@code $context.identity.apiKeyId})
 * @param value  the secret the client sent ({@code $context.identity.apiKey}); hidden by {@link #toString()}
 * @param plan   the usage plan's name
 * @param bucket the plan's rate and burst for this key
 * @param quota  the plan's quota
 */
public record ApiKeyGrant(String id, String value, String plan, Optional<TokenBucket> bucket,
                          Optional<UsagePlanConfig.Quota> quota) {
    @Override
    public String toString() {
        return "ApiKeyGrant[id=" + id + ", plan=" + plan + "]";
    }
}
