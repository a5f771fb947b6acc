package io.switchboard.auth;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import io.switchboard.config.AuthorizerConfig;
import io.switchboard.config.DevIssuerConfig;
import io.switchboard.integration.Integrations;
import java.io.Closeable;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds authorizers from configuration and owns what they share: the HTTP client and thread that fetch keys, the
 * key caches (closed with the gateway) and the development issuer's key.
 */
public final class Authorizers implements AutoCloseable {
    /** Timeout of one key fetch (connect and answer): an issuer that is slower is treated as unavailable. */
    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    /** Keys are fetched again this long before their cache time ends, by a background thread. */
    static final long REFRESH_AHEAD_MILLIS = 30_000;
    /** At most one fetch per this interval, however many tokens with unknown key ids arrive. */
    static final long MIN_FETCH_INTERVAL_MILLIS = 30_000;
    /** When the issuer cannot be reached, keys fetched before keep working this long past their cache time. */
    static final long OUTAGE_TOLERANCE_MILLIS = 3_600_000;

    private final Integrations integrations;
    private final DevIssuerConfig devIssuerConfig;
    private final HttpClient keyClient;
    private final ExecutorService refresher;
    private final List<Closeable> caches = new ArrayList<>();
    private DevIssuer devIssuer;

    public Authorizers(Integrations integrations, DevIssuerConfig devIssuer) {
        this.integrations = integrations;
        this.devIssuerConfig = devIssuer;
        this.keyClient = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(FETCH_TIMEOUT).build();
        AtomicInteger count = new AtomicInteger();
        this.refresher = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "switchboard-keys-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Builds one authorizer.
     *
     * @throws IllegalArgumentException when it cannot be built (a handler class that does not load, say)
     */
    public Authorizer create(AuthorizerConfig config) {
        if (config instanceof AuthorizerConfig.Request request) {
            return RequestAuthorizer.create(request, integrations);
        }
        AuthorizerConfig.Jwt jwt = (AuthorizerConfig.Jwt) config;
        if (jwt.devIssuer()) {
            DevIssuer issuer = devIssuer();
            String iss = jwt.issuer().isEmpty() ? issuer.config().issuer() : jwt.issuer();
            List<String> audiences = jwt.audiences().isEmpty() ? List.of(issuer.config().audience()) : jwt.audiences();
            return new JwtAuthorizer(jwt, iss, audiences, new ImmutableJWKSet<>(issuer.publicKeys()),
                    integrations.functionThreads());
        }
        PublishedKeys published = new PublishedKeys(jwt.jwksUri().orElseThrow(), keyClient, FETCH_TIMEOUT);
        long ttl = jwt.keysCacheTtl().toMillis();
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(published)
                .cache(ttl, FETCH_TIMEOUT.toMillis())
                .refreshAheadCache(Math.min(REFRESH_AHEAD_MILLIS, ttl / 2), null, refresher, false, null, false)
                .rateLimited(MIN_FETCH_INTERVAL_MILLIS)
                .retrying(false)
                .outageTolerant(OUTAGE_TOLERANCE_MILLIS)
                .build();
        synchronized (caches) {
            caches.add(() -> ((Closeable) keys).close());
        }
        return new JwtAuthorizer(jwt, jwt.issuer(), jwt.audiences(), keys, integrations.functionThreads());
    }

    /** The development issuer, its key file read (or created) on first use. */
    public synchronized DevIssuer devIssuer() {
        if (devIssuer == null) {
            devIssuer = DevIssuer.load(devIssuerConfig);
        }
        return devIssuer;
    }

    /** The development issuer if it has been loaded or the configuration enables its endpoints. */
    public Optional<DevIssuer> servedDevIssuer() {
        return devIssuerConfig.enabled() ? Optional.of(devIssuer()) : Optional.empty();
    }

    @Override
    public void close() {
        synchronized (caches) {
            for (Closeable cache : caches) {
                try {
                    cache.close();
                } catch (IOException | RuntimeException e) {
                    // closing a cache only stops its refresh
                }
            }
            caches.clear();
        }
        refresher.shutdownNow();
    }
}
