package io.switchboard.redis;

import io.switchboard.config.ConfigNode;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code engine.redis}: where the Redis server is and how to talk to it.
 *
 * @param uri            {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for TLS;
 *                       default {@code redis://127.0.0.1:6379}
 * @param password       the password when it is not in the URI (better from {@code ${ENV}}); never logged
 * @param database       the database number when it is not in the URI (default 0)
 * @param keyPrefix      put before every key and channel, so that several gateways' clusters share one Redis apart
 *                       (default {@code switchboard:})
 * @param connectTimeout how long connecting may take (default 5 s)
 * @param commandTimeout how long one command may take before it fails (default 5 s); no call waits longer
 */
public record RedisSettings(URI uri, Optional<String> password, int database, String keyPrefix,
                            Duration connectTimeout, Duration commandTimeout) {

    public static final URI DEFAULT_URI = URI.create("redis://127.0.0.1:6379");

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /** The defaults, at another URI (tests, {@code --engine redis}). */
    public static RedisSettings at(URI uri) {
        return new RedisSettings(uri, Optional.empty(), 0, "switchboard:", Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, password, database, prefix, connectTimeout, commandTimeout);
    }

    /** Whether the connection is TLS. */
    public boolean tls() {
        return "rediss".equals(uri.getScheme());
    }

    /** The URI without its user information, for logs. */
    public String describe() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getPath() == null ? "" : uri.getPath());
    }

    static RedisSettings read(ConfigNode n) {
        String text = n.string("uri", DEFAULT_URI.toString());
        URI uri = DEFAULT_URI;
        try {
            URI parsed = new URI(text);
            if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
                n.problem("uri", "must start with redis:// or rediss://, not '" + parsed.getScheme() + "'");
            } else if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                n.problem("uri", "names no host");
            } else {
                uri = parsed;
            }
        } catch (java.net.URISyntaxException e) {
            n.problem("uri", "is not a URI: " + e.getReason());
        }
        Optional<String> password = n.optionalString("password").filter(p -> !p.isEmpty());
        int database = n.integer("database", 0, 0, 1024);
        String keyPrefix = n.string("key-prefix", "switchboard:");
        if (keyPrefix.length() > 128 || keyPrefix.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            n.problem("key-prefix", "has at most 128 printable characters without spaces");
            keyPrefix = "switchboard:";
        }
        Duration connectTimeout = n.duration("connect-timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        Duration commandTimeout = n.duration("command-timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        return new RedisSettings(uri, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    @Override
    public String toString() { // the password stays out of logs and exception messages
        return "RedisSettings[" + describe() + ", database " + database + ", prefix " + keyPrefix + "]";
    }
}
