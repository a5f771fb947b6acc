package io.switchboard.config;

import java.util.Optional;

/**
 * A token bucket: {@code rate-limit} requests per second on average, {@code burst-limit} at once. As on AWS, a
 * burst limit of 0 lets nothing through.
 *
 * @param rateLimit  requests per second the bucket refills with (may be fractional: 0.5 is one every two seconds)
 * @param burstLimit the bucket's size: how many requests may arrive at the same instant
 */
public record ThrottleConfig(double rateLimit, int burstLimit) {

    /** AWS's account-level defaults, also the defaults of a stage: 10,000 requests per second, bursts of 5,000. */
    public static final ThrottleConfig AWS_DEFAULTS = new ThrottleConfig(10_000, 5_000);

    /**
     * Each connection's own bucket unless configured: 100 messages per second, bursts of 200. Far above what a chat
     * or a call's signalling sends, and a hundredth of the stage's default, so one flooding client cannot take the
     * stage's tokens from everyone else.
     */
    public static final ThrottleConfig PER_CONNECTION_DEFAULT = new ThrottleConfig(100, 200);

    /** Largest rate accepted; more than a node can serve anyway. */
    static final double MAX_RATE = 100_000_000;

    /** Reads {@code {rate-limit, burst-limit}}; a missing key takes the default's value. */
    static ThrottleConfig read(ConfigNode n, ThrottleConfig defaults) {
        double rate = rate(n, "rate-limit").orElse(defaults.rateLimit());
        int burst = n.integer("burst-limit", defaults.burstLimit(), 0, 100_000_000);
        return new ThrottleConfig(rate, burst);
    }

    /** Reads a bucket where both keys are required. */
    static ThrottleConfig readRequired(ConfigNode n) {
        if (!n.has("rate-limit")) {
            n.problem("rate-limit", "is required");
        }
        if (!n.has("burst-limit")) {
            n.problem("burst-limit", "is required");
        }
        return read(n, new ThrottleConfig(1, 1));
    }

    private static Optional<Double> rate(ConfigNode n, String key) {
        Optional<String> text = n.optionalString(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.get().trim());
            if (!(value >= 0 && value <= MAX_RATE)) {
                n.problem(key, "must be between 0 and " + (long) MAX_RATE + " requests per second, not " + text.get());
                return Optional.empty();
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            n.problem(key, "must be a number of requests per second, not '" + text.get() + "'");
            return Optional.empty();
        }
    }
}
