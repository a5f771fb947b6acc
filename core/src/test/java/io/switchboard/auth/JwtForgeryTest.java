package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.handler.EventType;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.KeyServer;
import io.switchboard.testing.Recorder;
import io.switchboard.testing.RecordingHandler;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * The JWT authorizer against forged, broken and borderline tokens, over real sockets: every forgery is refused
 * before the upgrade (403), no request ever goes anywhere but the configured key URL, tokens within the clock skew
 * pass, and Firebase's X.509 certificate map works as a key source.
 */
class JwtForgeryTest {
    private static final Recorder RECORDER = new Recorder();
    private static final Handlers HANDLERS = Handlers.builder()
            .route("recording", new RecordingHandler(RECORDER))
            .build();

    private static final String ISSUER = "https://issuer.test";
    private static final String FIREBASE_ISSUER = "https://securetoken.google.com/proj";

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey attacker;
    private static RSAKey firebase;
    private static KeyServer keys;
    private static KeyServer evil;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec1").generate();
        attacker = new RSAKeyGenerator(2048).keyID("attacker").generate();
        firebase = firebaseKey();
        keys = KeyServer.start()
                .publish("/jwks.json", new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString())
                .publish("/certs", "{\"fb1\":" + new ObjectMapper().writeValueAsString(
                        Files.readString(Path.of("src/test/resources/tls/server.crt"))) + "}");
        evil = KeyServer.start()
                .publish("/jwks.json", new JWKSet(attacker.toPublicJWK()).toString())
                .publish("/cert.pem", Files.readString(Path.of("src/test/resources/tls/server.crt")));
        gateway = TestGateway.start("""
                server: {max-header-size: 64KB}
                apis:
                  - name: jwt
                    stage: jwt
                    authorizers:
                      - {name: jwt, type: jwt, jwks-uri: "${JWKS}", issuer: "https://issuer.test", audiences: [app],
                         claims: [email, scope]}
                    routes:
                      $connect: {authorizer: jwt, integration: {type: function, handler: recording}}
                      $default: {integration: {type: mock, response-template: '$context.authorizer.principalId $context.authorizer.email'}, route-response: true}
                  - name: firebase
                    stage: firebase
                    authorizers:
                      - {name: fb, type: jwt, jwks-uri: "${CERTS}", issuer: "https://securetoken.google.com/proj",
                         audiences: [proj], algorithms: [RS256]}
                    routes:
                      $connect: {authorizer: fb}
                      $default: {integration: {type: mock, response-template: '$context.authorizer.principalId'}, route-response: true}
                """, Map.of("JWKS", keys.url("/jwks.json"), "CERTS", keys.url("/certs")), HANDLERS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        keys.close();
        evil.close();
    }

    @Test
    void everyForgedOrInvalidTokenIsRefusedWith403AndNothingElseIsFetched() throws Exception {
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("alg none", new PlainJWT(claims(b -> b)).serialize());
        forged.put("alg None, empty signature", unsigned("{\"alg\":\"None\",\"kid\":\"rsa1\"}", claims(b -> b)));
        forged.put("alg NONE, empty signature", unsigned("{\"alg\":\"NONE\",\"typ\":\"JWT\"}", claims(b -> b)));
        forged.put("HS256 keyed with the RSA public key", hmac(rsa.toRSAPublicKey().getEncoded(), "rsa1"));
        forged.put("HS256 keyed with the published JWKS", hmac(new JWKSet(List.of(rsa.toPublicJWK(),
                ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8), "rsa1"));
        forged.put("HS256 keyed with the EC public key", hmac(ec.toECPublicKey().getEncoded(), "ec1"));
        forged.put("expired beyond the skew", rs256(claims(b -> b.expirationTime(secondsFromNow(-61 - 5)))));
        forged.put("nbf beyond the skew", rs256(claims(b -> b.notBeforeTime(secondsFromNow(61 + 5)))));
        forged.put("wrong iss", rs256(claims(b -> b.issuer("https://issuer.test.evil.com"))));
        forged.put("wrong aud", rs256(claims(b -> b.audience("other-app"))));
        forged.put("missing exp", rs256(claims(b -> b.expirationTime(null))));
        forged.put("missing sub", rs256(claims(b -> b.subject(null))));
        forged.put("unknown kid", sign(header(JWSAlgorithm.RS256).keyID("rsa2"), claims(b -> b), rsa));
        forged.put("kid with a path", sign(header(JWSAlgorithm.RS256).keyID("../../../../../dev/null"),
                claims(b -> b), rsa));
        forged.put("kid with SQL", sign(header(JWSAlgorithm.RS256).keyID("x' UNION SELECT 'key' --"),
                claims(b -> b), rsa));
        forged.put("jku header to another server", sign(header(JWSAlgorithm.RS256).keyID("attacker")
                .jwkURL(URI.create(evil.url("/jwks.json"))), claims(b -> b), attacker));
        forged.put("x5u header to another server", sign(header(JWSAlgorithm.RS256).keyID("attacker")
                .x509CertURL(URI.create(evil.url("/cert.pem"))), claims(b -> b), attacker));
        forged.put("embedded jwk header", sign(header(JWSAlgorithm.RS256).keyID("attacker")
                .jwk(attacker.toPublicJWK()), claims(b -> b), attacker));
        forged.put("embedded jwk under a trusted kid", sign(header(JWSAlgorithm.RS256).keyID("rsa1")
                .jwk(attacker.toPublicJWK()), claims(b -> b), attacker));
        forged.put("trusted kid, attacker's key", sign(header(JWSAlgorithm.RS256).keyID("rsa1"), claims(b -> b),
                attacker));
        forged.put("ES256 signature of zeros", zeroSignature());
        forged.put("payload swapped under a valid signature", swapPayload());
        forged.put("16 KiB token", rs256(claims(b -> b.claim("padding", "x".repeat(16 * 1024)))));
        forged.put("unknown crit header", sign(header(JWSAlgorithm.RS256).keyID("rsa1")
                .criticalParams(java.util.Set.of("exp-v2")).customParam("exp-v2", 1), claims(b -> b), rsa));
        forged.put("RS512, not an allowed algorithm", sign(header(JWSAlgorithm.RS512).keyID("rsa1"),
                claims(b -> b), rsa));
        forged.put("header says RS256, EC key signed", esAsRs());
        forged.put("typ of another kind of token", sign(header(JWSAlgorithm.RS256).keyID("rsa1")
                .type(new JOSEObjectType("secevent+jwt")), claims(b -> b), rsa));
        forged.put("encrypted JWT (JWE)", encrypted());
        forged.put("garbage", "not.a.jwt");
        forged.put("a signed JWT with two dots too many", rs256(claims(b -> b)) + "..");

        assertThat(forged).hasSizeGreaterThanOrEqualTo(20);
        Map<String, Integer> statuses = new LinkedHashMap<>();
        forged.forEach((name, token) -> statuses.put(name, statusWithHeader("jwt", token)));
        assertThat(statuses).allSatisfy((name, status) -> assertThat(status).as(name).isEqualTo(403));

        assertThat(evil.totalHits()).as("requests to URLs named by tokens").isZero();
        assertThat(keys.hits("/jwks.json")).as("fetches of the configured JWKS (rate-limited)").isBetween(1, 2);
    }

    @Test
    void noTokenIs401() {
        assertThat(TestWsClient.refusedStatus(gateway.ws("jwt"), Map.of())).isEqualTo(401);
        assertThat(statusWithHeader("jwt", "")).isEqualTo(401);
    }

    @Test
    void validTokensPassInTheHeaderOrTheQueryAndReachEveryEvent() throws Exception {
        String token = rs256(claims(b -> b.claim("email", "ann@example.com").claim("scope", List.of("a", "b"))));
        try (TestWsClient client = TestWsClient.connect(gateway.ws("jwt"), Map.of("Authorization", "Bearer " + token),
                List.of())) {
            RouteEvent connect = RECORDER.await("jwt", e -> e.eventType() == EventType.CONNECT
                    && e.connection().authorizer().containsKey("email"));
            assertThat(connect.connection().authorizer()).containsEntry("principalId", "ann")
                    .containsEntry("email", "ann@example.com").containsEntry("scope", "[\"a\",\"b\"]");
            client.send("hi");
            assertThat(client.next()).isEqualTo("ann ann@example.com");
        }
        String es = sign(header(JWSAlgorithm.ES256).keyID("ec1"), claims(b -> b.subject("bob")), ec);
        try (TestWsClient client = TestWsClient.connect(gateway.ws("jwt?authorization="
                + URLEncoder.encode(es, StandardCharsets.UTF_8)))) {
            client.send("hi");
            assertThat(client.next()).startsWith("bob ");
        }
    }

    @Test
    void tokensWithinTheClockSkewPass() throws Exception {
        String expiredJustNow = rs256(claims(b -> b.expirationTime(secondsFromNow(-30))));
        String notYetButAlmost = rs256(claims(b -> b.notBeforeTime(secondsFromNow(30))));
        for (String token : List.of(expiredJustNow, notYetButAlmost)) {
            try (TestWsClient client = TestWsClient.connect(gateway.ws("jwt"),
                    Map.of("Authorization", "Bearer " + token), List.of())) {
                client.send("x");
                assertThat(client.next()).startsWith("ann");
            }
        }
    }

    @Test
    void oauthAccessTokensMayNameTheAudienceInClientId() throws Exception {
        String token = sign(header(JWSAlgorithm.RS256).keyID("rsa1").type(new JOSEObjectType("at+jwt")),
                claims(b -> b.audience("https://api.example").claim("client_id", "app")), rsa);
        try (TestWsClient client = TestWsClient.connect(gateway.ws("jwt"), Map.of("Authorization", "Bearer " + token),
                List.of())) {
            client.send("x");
            assertThat(client.next()).startsWith("ann");
        }
    }

    @Test
    void firebaseCertificateMapsAreAKeySource() throws Exception {
        JWTClaimsSet set = new JWTClaimsSet.Builder().issuer(FIREBASE_ISSUER).audience("proj").subject("uid-42")
                .issueTime(new Date()).expirationTime(secondsFromNow(600)).build();
        String token = sign(header(JWSAlgorithm.RS256).keyID("fb1"), set, firebase);
        try (TestWsClient client = TestWsClient.connect(gateway.ws("firebase"),
                Map.of("Authorization", "Bearer " + token), List.of())) {
            client.send("x");
            assertThat(client.next()).isEqualTo("uid-42");
        }
        String otherKid = sign(header(JWSAlgorithm.RS256).keyID("fb2"), set, firebase);
        assertThat(statusWithHeader("firebase", otherKid)).isEqualTo(403);
        assertThat(statusWithHeader("firebase", sign(header(JWSAlgorithm.RS256).keyID("fb1"), set, rsa)))
                .isEqualTo(403);
    }

    // ---- tokens

    private static int statusWithHeader(String stage, String token) {
        return TestWsClient.refusedStatus(gateway.ws(stage), Map.of("Authorization", "Bearer " + token));
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(ISSUER).audience("app").subject("ann")
                .issueTime(new Date()).expirationTime(secondsFromNow(600));
        return change.apply(b).build();
    }

    private static Date secondsFromNow(long seconds) {
        return new Date(System.currentTimeMillis() + seconds * 1000);
    }

    private static JWSHeader.Builder header(JWSAlgorithm alg) {
        return new JWSHeader.Builder(alg);
    }

    private static String rs256(JWTClaimsSet claims) throws Exception {
        return sign(header(JWSAlgorithm.RS256).keyID("rsa1"), claims, rsa);
    }

    private static String sign(JWSHeader.Builder header, JWTClaimsSet claims, Object key) throws Exception {
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        if (key instanceof RSAKey r) {
            jwt.sign(new RSASSASigner(r));
        } else {
            jwt.sign(new ECDSASigner((ECKey) key));
        }
        return jwt.serialize();
    }

    private static String hmac(byte[] secret, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(header(JWSAlgorithm.HS256).keyID(kid).build(), claims(b -> b));
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String unsigned(String headerJson, JWTClaimsSet claims) {
        return Base64URL.encode(headerJson) + "." + Base64URL.encode(claims.toString()) + ".";
    }

    /** CVE-2022-21449: r = s = 0, which broken JDKs accept for any message. */
    private static String zeroSignature() {
        return Base64URL.encode("{\"alg\":\"ES256\",\"kid\":\"ec1\"}") + "." + Base64URL.encode(claims(b -> b)
                .toString()) + "." + Base64URL.encode(new byte[64]);
    }

    private static String swapPayload() throws Exception {
        String[] genuine = rs256(claims(b -> b)).split("\\.");
        String admin = Base64URL.encode(claims(b -> b.subject("admin")).toString()).toString();
        return genuine[0] + "." + admin + "." + genuine[2];
    }

    private static String esAsRs() throws Exception {
        String[] es = sign(header(JWSAlgorithm.ES256).keyID("ec1"), claims(b -> b), ec).split("\\.");
        return Base64URL.encode("{\"alg\":\"RS256\",\"kid\":\"ec1\"}") + "." + es[1] + "." + es[2];
    }

    private static String encrypted() throws Exception {
        EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM),
                claims(b -> b));
        jwt.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));
        return jwt.serialize();
    }

    /** The private key of the test TLS certificate, whose certificate the map publishes as {@code fb1}. */
    private static RSAKey firebaseKey() throws Exception {
        String pem = Files.readString(Path.of("src/test/resources/tls/server.key"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        java.security.cert.X509Certificate cert = com.nimbusds.jose.util.X509CertUtils.parse(
                Files.readString(Path.of("src/test/resources/tls/server.crt")));
        return new RSAKey.Builder((java.security.interfaces.RSAPublicKey) cert.getPublicKey()).privateKey(key)
                .keyID("fb1").build();
    }
}
