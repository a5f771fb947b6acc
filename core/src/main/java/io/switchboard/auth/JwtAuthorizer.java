package io.switchboard.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.switchboard.config.AuthorizerConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * The built-in JWT authorizer (Nimbus JOSE+JWT). The token is the first identity source that has a value (a
 * {@code Bearer } prefix is dropped); none gives 401. A token is valid when all of this holds, and otherwise gives
 * 403:
 * <ul>
 *   <li>it is a JWS (never {@code none}, never encrypted) with one of the configured asymmetric algorithms (RS256
 *       and ES256 by default), signed by a key of the configured URL found by {@code kid} and key type; {@code jku},
 *       {@code x5u} and {@code jwk} headers are never followed or used; an unknown {@code crit} header fails;</li>
 *   <li>{@code typ}, when present, is {@code JWT} or {@code at+jwt};</li>
 *   <li>{@code iss} equals the configured issuer; {@code aud} (or, for OAuth access tokens, {@code client_id})
 *       contains a configured audience;</li>
 *   <li>{@code exp} is present and not past, {@code nbf} (when present) not in the future, both with the clock skew;
 *       {@code sub} is present.</li>
 * </ul>
 * {@code principalId} is {@code sub}; the configured claims are copied into the context. Verification runs on the
 * function threads: it is fast with cached keys, and fetching keys blocks.
 */
final class JwtAuthorizer implements Authorizer {
    private static final Set<JOSEObjectType> TYPES = new HashSet<>(java.util.Arrays.asList(JOSEObjectType.JWT,
            new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));

    private final AuthorizerConfig.Jwt config;
    private final Set<String> audiences;
    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Executor executor;

    JwtAuthorizer(AuthorizerConfig.Jwt config, String issuer, List<String> audiences, JWKSource<SecurityContext> keys,
                  Executor executor) {
        this.config = config;
        this.audiences = Set.copyOf(audiences);
        this.executor = executor;
        Set<JWSAlgorithm> algorithms = config.algorithms().stream().map(JWSAlgorithm::parse)
                .collect(Collectors.toUnmodifiableSet());
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(TYPES));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", "sub", "iss"), null);
        claims.setMaxClockSkew((int) config.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public CompletionStage<AuthorizerDecision> authorize(RouteEvent connect) {
        Optional<String> token = IdentityValues.first(config.identitySources(), connect).map(JwtAuthorizer::bare);
        if (token.isEmpty() || token.get().isEmpty()) {
            return CompletableFuture.completedFuture(AuthorizerDecision.refuse(GatewayError.UNAUTHORIZED,
                    "no token in " + config.identitySources()));
        }
        if (token.get().length() > config.maxTokenBytes()) {
            return CompletableFuture.completedFuture(invalid("the token is longer than max-token-bytes ("
                    + config.maxTokenBytes() + ")"));
        }
        CompletableFuture<AuthorizerDecision> decision = new CompletableFuture<>();
        try {
            executor.execute(() -> decision.complete(verify(token.get())));
        } catch (RejectedExecutionException e) {
            decision.complete(AuthorizerDecision.refuse(GatewayError.AUTHORIZER_FAILURE,
                    "every function thread is busy"));
        }
        return decision;
    }

    /** Verifies a token; blocks while keys are fetched. */
    AuthorizerDecision verify(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (RateLimitReachedException e) {
            return invalid("no key for the token, and the keys were fetched less than 30 s ago");
        } catch (KeySourceException e) {
            return AuthorizerDecision.refuse(GatewayError.AUTHORIZER_FAILURE, "authorizer " + config.name()
                    + " cannot get its keys: " + e.getMessage());
        } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
            return invalid(e.getMessage());
        } catch (RuntimeException e) {
            return invalid("unreadable token: " + e);
        }
        if (!audienceMatches(claims)) {
            return invalid("neither aud nor client_id is one of " + audiences);
        }
        return AuthorizerDecision.allow(new AuthorizerResult(claims.getSubject(), context(claims), Optional.empty()));
    }

    private boolean audienceMatches(JWTClaimsSet claims) {
        if (claims.getAudience() != null && claims.getAudience().stream().anyMatch(audiences::contains)) {
            return true;
        }
        Object clientId = claims.getClaim("client_id");
        return clientId instanceof String id && audiences.contains(id);
    }

    /** The configured claims: strings, numbers and booleans as they are, anything else as JSON text. */
    private Map<String, Object> context(JWTClaimsSet claims) {
        Map<String, Object> context = new LinkedHashMap<>();
        for (String name : config.claims()) {
            Object value = claims.getClaim(name);
            if (value instanceof java.util.Date date) {
                context.put(name, date.getTime() / 1000);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                context.put(name, value);
            } else if (value != null) {
                context.put(name, Json.MAPPER.writeValueAsString(value));
            }
        }
        return context;
    }

    private AuthorizerDecision invalid(String reason) {
        return AuthorizerDecision.refuse(GatewayError.ACCESS_DENIED, "authorizer " + config.name()
                + " rejected the token: " + reason);
    }

    /** The token without a {@code Bearer } prefix. */
    private static String bare(String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("Bearer")) {
            return "";
        }
        return v.regionMatches(true, 0, "Bearer ", 0, 7) ? v.substring(7).trim() : v;
    }
}
