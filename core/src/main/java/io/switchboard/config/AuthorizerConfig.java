package io.switchboard.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An authorizer of an API, run on {@code $connect} by the routes that name it. */
public sealed interface AuthorizerConfig {

    /** The name routes use to pick this authorizer. */
    String name();

    /** Where the caller's identity is read from. */
    List<IdentitySource> identitySources();

    /** The JWS algorithms a JWT authorizer accepts when none are configured. */
    Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256");
    /** The asymmetric JWS algorithms that may be configured (never {@code none}, never an HMAC). */
    Set<String> ASYMMETRIC_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
            "ES384", "ES512", "EdDSA", "Ed25519");

    /**
     * AWS's Lambda REQUEST authorizer: the authorizer event goes to a {@code function} (an AWS Lambda handler class)
     * or {@code http} integration, which answers with a principal and an IAM policy.
     *
     * @param integration where the authorizer event goes; its timeout bounds the call
     */
    record Request(String name, List<IdentitySource> identitySources, IntegrationConfig integration)
            implements AuthorizerConfig {
    }

    /**
     * A built-in JWT authorizer.
     *
     * @param jwksUri       where the keys are published, as a JWKS or an X.509 certificate map; empty with
     *                      {@code devIssuer}
     * @param devIssuer     verify tokens of the built-in development issuer, with its key read in process
     * @param issuer        the only accepted {@code iss}
     * @param audiences     accepted {@code aud} (or {@code client_id}) values; one must match
     * @param algorithms    accepted JWS algorithms
     * @param clockSkew     leeway for {@code exp} and {@code nbf}
     * @param claims        claims copied into the authorizer context
     * @param keysCacheTtl  how long fetched keys are used before they are fetched again
     * @param maxTokenBytes longer tokens are refused without parsing
     */
    record Jwt(String name, List<IdentitySource> identitySources, Optional<URI> jwksUri, boolean devIssuer,
               String issuer, List<String> audiences, Set<String> algorithms, Duration clockSkew, List<String> claims,
               Duration keysCacheTtl, int maxTokenBytes) implements AuthorizerConfig {
    }

    static AuthorizerConfig read(ConfigNode n, Map<String, String> stageVariables) {
        String name = n.requiredString("name");
        if (!name.isEmpty() && !name.matches("[A-Za-z0-9_-]{1,128}")) {
            n.problem("name", "may contain only letters, digits, '-' and '_' (at most 128)");
        }
        String type = n.requiredString("type");
        return switch (type) {
            case "jwt" -> readJwt(n, name);
            case "request" -> readRequest(n, name, stageVariables);
            default -> {
                if (!type.isEmpty()) {
                    n.problem("type", "must be jwt or request, not '" + type + "'");
                }
                yield new Request(name, List.of(), new IntegrationConfig.Mock(Optional.empty(), Optional.empty()));
            }
        };
    }

    private static Request readRequest(ConfigNode n, String name, Map<String, String> stageVariables) {
        List<IdentitySource> sources = identitySources(n, List.of("route.request.header.Authorization"));
        Optional<IntegrationConfig> integration = n.optionalSection("integration",
                i -> IntegrationConfig.read(i, stageVariables));
        if (integration.isEmpty()) {
            n.problem("integration", "is required: a function (AWS Lambda handler class) or http integration that "
                    + "answers with principalId and policyDocument");
        } else if (integration.get() instanceof IntegrationConfig.Mock) {
            n.problem("integration", "must be of type function or http");
        }
        return new Request(name, sources, integration.orElse(new IntegrationConfig.Mock(Optional.empty(),
                Optional.empty())));
    }

    private static Jwt readJwt(ConfigNode n, String name) {
        List<IdentitySource> sources = identitySources(n, List.of("route.request.header.Authorization",
                "route.request.querystring.authorization"));
        boolean devIssuer = n.bool("dev-issuer", false);
        Optional<URI> jwksUri = n.optionalString("jwks-uri").flatMap(text -> jwksUri(n, text));
        if (devIssuer && n.has("jwks-uri")) {
            n.problem("jwks-uri", "cannot be combined with dev-issuer: true, whose keys are read in process");
        } else if (!devIssuer && !n.has("jwks-uri")) {
            n.problem("jwks-uri", "is required: the URL of the issuer's JWKS or X.509 certificate map");
        }
        String issuer = devIssuer ? n.string("issuer", "") : n.requiredString("issuer");
        List<String> audiences = n.stringList("audiences");
        if (!devIssuer && audiences.isEmpty()) {
            n.problem("audiences", "at least one audience is required (the aud or client_id your tokens carry)");
        }
        Set<String> algorithms = new LinkedHashSet<>(n.stringList("algorithms"));
        for (String alg : algorithms) {
            if (!ASYMMETRIC_ALGORITHMS.contains(alg)) {
                n.problem("algorithms", "'" + alg + "' is not accepted: only asymmetric algorithms "
                        + String.join(", ", ASYMMETRIC_ALGORITHMS.stream().sorted().toList())
                        + " (never none or an HMAC algorithm)");
            }
        }
        algorithms.retainAll(ASYMMETRIC_ALGORITHMS);
        if (algorithms.isEmpty()) {
            algorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
        }
        Duration skew = n.duration("clock-skew", Duration.ofSeconds(60), Duration.ZERO, Duration.ofMinutes(5));
        List<String> claims = n.stringList("claims");
        Duration cacheTtl = n.duration("keys-cache-ttl", Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofDays(1));
        int maxTokenBytes = n.size("max-token-bytes", 8192, 256, 1024 * 1024);
        return new Jwt(name, sources, jwksUri, devIssuer, issuer, audiences, Set.copyOf(algorithms), skew, claims,
                cacheTtl, maxTokenBytes);
    }

    private static List<IdentitySource> identitySources(ConfigNode n, List<String> defaults) {
        List<String> texts = n.has("identity-source") ? n.stringList("identity-source") : defaults;
        List<IdentitySource> sources = new ArrayList<>();
        for (String text : texts) {
            IdentitySource.parse(text).ifPresentOrElse(sources::add, () -> n.problem("identity-source", "'" + text
                    + "' is not an identity source: write route.request.header.NAME, "
                    + "route.request.querystring.NAME, stageVariables.NAME or context.NAME"));
        }
        if (texts.isEmpty()) {
            n.problem("identity-source", "at least one identity source is required");
        }
        return List.copyOf(sources);
    }

    /** Keys come over HTTPS, or plain HTTP from this machine only (a local issuer or a test). */
    private static Optional<URI> jwksUri(ConfigNode n, String text) {
        try {
            URI uri = new URI(text);
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                n.problem("jwks-uri", "must be an https:// URL, not '" + text + "'");
                return Optional.empty();
            }
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                n.problem("jwks-uri", "must use https:// (plain http:// is accepted for this machine only)");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            n.problem("jwks-uri", "is not a URL: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: no DNS lookup while reading a configuration
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
