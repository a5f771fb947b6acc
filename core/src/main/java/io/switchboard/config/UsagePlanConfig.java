package io.switchboard.config;

import java.util.List;
import java.util.Optional;

/**
 * A usage plan: the API keys that belong to it, their request rate and their quota. Every request made with one of
 * its keys (the {@code $connect} and each later message of the connection) counts.
 *
 * @param name       the plan's name, for messages
 * @param throttling the rate and burst of requests per key; empty means only the stage and route limits apply
 * @param quota      the most requests per key in a day, week or month; empty means no quota
 * @param apiKeys    the keys of this plan
 */
public record UsagePlanConfig(String name, Optional<ThrottleConfig> throttling, Optional<Quota> quota,
                              List<ApiKey> apiKeys) {

    /** How many requests a key may make per period (calendar periods in UTC, as AWS counts). */
    public record Quota(long limit, Period period) {
    }

    /** A quota period, starting at midnight UTC (weeks on Monday, months on the 1st). */
    public enum Period { DAY, WEEK, MONTH }

    /**
     * An API key.
     *
     * @param id    the key's public name: {@code $context.identity.apiKeyId}, the access log
     * @param value the secret clients send; never logged ({@link #toString()} hides it)
     */
    public record ApiKey(String id, String value) {
        @Override
        public String toString() {
            return "ApiKey[id=" + id + ", value=****]";
        }
    }

    static UsagePlanConfig read(ConfigNode n) {
        String name = n.requiredString("name");
        Optional<ThrottleConfig> throttling = n.optionalSection("throttling", ThrottleConfig::readRequired);
        Optional<Quota> quota = n.optionalSection("quota", q -> {
            long limit = q.integer("limit", 0, 1, Integer.MAX_VALUE);
            if (!q.has("limit")) {
                q.problem("limit", "is required");
            }
            String period = q.string("period", "day");
            Period p = switch (period) {
                case "day" -> Period.DAY;
                case "week" -> Period.WEEK;
                case "month" -> Period.MONTH;
                default -> {
                    q.problem("period", "must be day, week or month, not '" + period + "'");
                    yield Period.DAY;
                }
            };
            return new Quota(limit, p);
        });
        List<ApiKey> keys = n.list("api-keys", k -> {
            String id = k.requiredString("id");
            if (!id.isEmpty() && !id.matches("[A-Za-z0-9_.-]{1,128}")) {
                k.problem("id", "may contain only letters, digits, '.', '-' and '_' (at most 128)");
            }
            String value = k.requiredString("value");
            if (!value.isEmpty() && (value.length() < 20 || value.length() > 128)) {
                k.problem("value", "must be 20 to 128 characters long, as on AWS");
            }
            return new ApiKey(id, value);
        });
        if (keys.isEmpty()) {
            n.problem("api-keys", "at least one API key is required");
        }
        return new UsagePlanConfig(name, throttling, quota, keys);
    }
}
