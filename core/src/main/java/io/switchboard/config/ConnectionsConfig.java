package io.switchboard.config;

import io.switchboard.expr.UserIdExpression;
import java.time.Duration;

/**
 * The connections store of an API.
 *
 * @param userId which user each connection belongs to
 * @param ttl    how long an entry lives unless removed when its connection closes; at least the API's
 *               {@code max-connection-duration}, so a live connection is never pruned
 */
public record ConnectionsConfig(UserIdExpression userId, Duration ttl) {

    static ConnectionsConfig read(ConfigNode n, LimitsConfig limits) {
        UserIdExpression userId = UserIdExpression.DEFAULT;
        try {
            userId = UserIdExpression.parse(n.string("user-id", UserIdExpression.DEFAULT.toString()));
        } catch (IllegalArgumentException e) {
            n.problem("user-id", e.getMessage());
        }
        Duration longest = limits.maxConnectionDuration();
        Duration ttl = n.duration("ttl", longest, Duration.ofMillis(100), Duration.ofDays(400));
        if (ttl.compareTo(longest) < 0) {
            n.problem("ttl", "must be at least limits.max-connection-duration (" + Units.format(longest)
                    + "), or open connections would be pruned");
            ttl = longest;
        }
        return new ConnectionsConfig(userId, ttl);
    }
}
