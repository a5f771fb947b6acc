package io.switchboard.throttle;

import java.util.Optional;

/**
 * What one connection may still do, decided on {@code $connect}: its own message bucket and the API key it was
 * opened with (whose usage plan every later message counts against).
 *
 * @param connectionBucket the connection's message bucket, when the API limits each connection
 * @param apiKey           the API key the connection was opened with
 */
public record Allowance(Optional<TokenBucket> connectionBucket, Optional<ApiKeyGrant> apiKey) {

    /** No per-connection limit and no key. */
    public static final Allowance NONE = new Allowance(Optional.empty(), Optional.empty());
}
