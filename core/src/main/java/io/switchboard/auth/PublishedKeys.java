package io.switchboard.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.X509CertUtils;
import io.switchboard.integration.LimitedBody;
import io.switchboard.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Fetches an issuer's public keys from the one configured URL, in either format issuers publish: a JWKS
 * ({@code {"keys":[…]}}) or an X.509 certificate map ({@code {"kid": "-----BEGIN CERTIFICATE-----…"}}, Firebase's
 * format). Only asymmetric public keys are kept: a private or symmetric key in the answer is dropped, so no token can
 * be checked with an HMAC over a public key. Redirects are not followed; answers over {@value #MAX_BYTES} bytes or
 * slower than the timeout fail. Nimbus's {@code JWKSourceBuilder} wraps this source with caching, refresh-ahead and
 * a rate limit on fetches. It blocks while fetching, so it is only called from function threads.
 */
final class PublishedKeys implements JWKSetSource<SecurityContext> {
    /** Nimbus's default size cap for a JWKS. */
    static final int MAX_BYTES = 51_200;

    private final URI uri;
    private final HttpClient client;
    private final Duration timeout;

    PublishedKeys(URI uri, HttpClient client, Duration timeout) {
        this.uri = uri;
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), LimitedBody.handler(MAX_BYTES));
        } catch (IOException e) {
            throw new KeySourceException("cannot fetch keys from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeySourceException("interrupted while fetching keys from " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new KeySourceException("fetching keys from " + uri + " answered HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Reads a JWKS or a certificate map, keeping asymmetric public keys only. */
    static JWKSet parse(byte[] body) throws KeySourceException {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new KeySourceException("the keys are not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new KeySourceException("the keys are not a JSON object");
        }
        List<JWK> keys = new ArrayList<>();
        try {
            if (tree.has("keys")) {
                for (JWK key : JWKSet.parse(new String(body, StandardCharsets.UTF_8)).getKeys()) {
                    keys.add(key);
                }
            } else {
                for (Map.Entry<String, JsonNode> e : tree.properties()) {
                    if (!e.getValue().isString()) {
                        throw new KeySourceException("neither a JWKS nor a map of key ids to PEM certificates");
                    }
                    X509Certificate cert = X509CertUtils.parseWithException(e.getValue().asString());
                    keys.add(withKeyId(JWK.parse(cert), e.getKey()));
                }
            }
        } catch (ParseException | JOSEException | java.security.cert.CertificateException e) {
            throw new KeySourceException("the keys cannot be read: " + e.getMessage(), e);
        }
        List<JWK> published = new ArrayList<>();
        for (JWK key : keys) {
            if (key instanceof AsymmetricJWK && key.toPublicJWK() != null) {
                published.add(key.toPublicJWK());
            }
        }
        return new JWKSet(published);
    }

    @Override
    public void close() {
    }

    /** A key parsed from a certificate, named by the certificate map's key. */
    private static JWK withKeyId(JWK key, String kid) throws ParseException {
        Map<String, Object> json = key.toJSONObject();
        json.put("kid", kid);
        return JWK.parse(json);
    }
}
