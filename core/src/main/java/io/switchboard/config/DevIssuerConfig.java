package io.switchboard.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The development token issuer: an ES256 key kept in a file, used by {@code switchboard gen-token} and, when
 * enabled, served as {@code GET /.well-known/jwks.json} with a token endpoint {@code POST /dev-issuer/token} for the
 * example pages. Off by default; a server that enables it must listen on the loopback interface only, unless
 * {@code allow-non-loopback} says otherwise, because anyone who reaches the token endpoint can become any user.
 *
 * @param enabled          whether the server serves the JWKS and the token endpoint
 * @param keyFile          where the signing key is kept (created, readable by its owner only, on first use); the
 *                         server and {@code gen-token} agree because they read the same file
 * @param issuer           the tokens' {@code iss}
 * @param audience         the tokens' {@code aud}
 * @param ttl              lifetime of a token when the caller does not ask for one
 * @param maxTtl           the longest lifetime a caller may ask for
 * @param allowNonLoopback serve the endpoints on a non-loopback bind anyway
 */
public record DevIssuerConfig(boolean enabled, Path keyFile, String issuer, String audience, Duration ttl,
                              Duration maxTtl, boolean allowNonLoopback) {

    /** The default key file, in the user's home so that every working directory shares it. */
    public static final Path DEFAULT_KEY_FILE = Path.of(System.getProperty("user.home"), ".switchboard",
            "dev-issuer-key.json");

    /** Off, with the default key file, issuer {@code switchboard-dev} and audience {@code switchboard}. */
    public static final DevIssuerConfig DEFAULTS = new DevIssuerConfig(false, DEFAULT_KEY_FILE, "switchboard-dev",
            "switchboard", Duration.ofHours(1), Duration.ofHours(24), false);

    static DevIssuerConfig read(ConfigNode n) {
        boolean enabled = n.bool("enabled", false);
        Path keyFile = n.optionalString("key-file").filter(s -> !s.isBlank()).flatMap(s -> expandHome(n, s))
                .orElse(DEFAULTS.keyFile());
        String issuer = n.string("issuer", DEFAULTS.issuer());
        String audience = n.string("audience", DEFAULTS.audience());
        if (issuer.isBlank()) {
            n.problem("issuer", "must not be empty");
        }
        if (audience.isBlank()) {
            n.problem("audience", "must not be empty");
        }
        Duration maxTtl = n.duration("max-ttl", DEFAULTS.maxTtl(), Duration.ofMinutes(1), Duration.ofDays(30));
        Duration ttl = n.duration("ttl", DEFAULTS.ttl(), Duration.ofMinutes(1), Duration.ofDays(30));
        if (ttl.compareTo(maxTtl) > 0) {
            n.problem("ttl", "must not be longer than max-ttl (" + Units.format(maxTtl) + ")");
        }
        boolean allowNonLoopback = n.bool("allow-non-loopback", false);
        return new DevIssuerConfig(enabled, keyFile, issuer, audience, ttl, maxTtl, allowNonLoopback);
    }

    /** A copy that keeps its signing key in another file. */
    public DevIssuerConfig withKeyFile(Path newKeyFile) {
        return new DevIssuerConfig(enabled, newKeyFile, issuer, audience, ttl, maxTtl, allowNonLoopback);
    }

    /** {@code ~/x} is {@code x} in the user's home directory. */
    static Optional<Path> expandHome(ConfigNode n, String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return n.path("key-file", System.getProperty("user.home") + path.substring(1));
        }
        return n.path("key-file", path);
    }
}
