package io.switchboard.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ManagementConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 verification against the AWS SDK's own signer: what it signs is accepted, and a change of one byte to the
 * method, path, query, a signed header, the body or the date is refused, as is a request just over five minutes old.
 */
class SigV4VerifierTest {
    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2026-11-23T12:36:00Z");
    private static final ManagementConfig CONFIG = new ManagementConfig(
            List.of(new ManagementConfig.Credential(KEY, SECRET)), Optional.empty());

    /** A request as the server sees it: raw target, headers in order, body. */
    private record Wire(String method, String rawUri, Map<String, List<String>> headers, byte[] body)
            implements SigV4Verifier.SignedRequest {
        @Override
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public byte[] bodySha256() {
            return SigV4Verifier.sha256(body);
        }

        Wire withHeader(String name, String value) {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            copy.put(name, List.of(value));
            return new Wire(method, rawUri, copy, body);
        }
    }

    private static Wire signed(String method, String uri, String body, String region) {
        URI target = URI.create("http://127.0.0.1:8080" + uri);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(target)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Spaced", "  a   b \t c  ")
                .build();
        var result = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY, SECRET))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)));
        SdkHttpRequest out = result.request();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        out.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        headers.putIfAbsent("host", List.of("127.0.0.1:8080"));
        String raw = out.getUri().getRawPath() + (out.getUri().getRawQuery() == null ? ""
                : "?" + out.getUri().getRawQuery());
        return new Wire(method, raw, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Wire postToConnection() {
        return signed("POST", "/production/@connections/BFHPhfCWIAMCKlQ%3D", "{\"hello\":1}", "us-east-1");
    }

    private static Optional<String> verify(Wire wire, Duration after) {
        return new SigV4Verifier(CONFIG, Clock.fixed(SIGNED_AT.plus(after), ZoneOffset.UTC)).rejection(wire);
    }

    @Test
    void whatTheSdkSignsIsAccepted() {
        assertThat(verify(postToConnection(), Duration.ZERO)).isEmpty();
        assertThat(verify(signed("GET", "/production/@connections/abc%3D", "", "eu-west-3"), Duration.ZERO)).isEmpty();
        assertThat(verify(signed("POST", "/production/@groups/room%201?exclude=a%3D,b%3D&z=1&a=2", "hi",
                "us-east-1"), Duration.ZERO)).isEmpty();
    }

    @Test
    void theClockWindowIsFiveMinutesEitherWay() {
        Wire wire = postToConnection();
        assertThat(verify(wire, Duration.ofMinutes(5))).isEmpty();
        assertThat(verify(wire, Duration.ofMinutes(-5))).isEmpty();
        assertThat(verify(wire, Duration.ofMinutes(5).plusSeconds(1))).get().asString()
                .startsWith("Signature expired");
        assertThat(verify(wire, Duration.ofMinutes(-5).minusSeconds(1))).get().asString()
                .startsWith("Signature expired");
    }

    @Test
    void changingTheMethodIsRefused() {
        Wire w = postToConnection();
        assertRefused(new Wire("PUT", w.rawUri(), w.headers(), w.body()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 12, 20, 30, 41})
    void changingOneByteOfThePathIsRefused(int position) {
        Wire w = postToConnection();
        assertRefused(new Wire(w.method(), flip(w.rawUri(), position), w.headers(), w.body()));
    }

    @Test
    void changingTheQueryIsRefused() {
        Wire w = signed("POST", "/production/@groups/room?exclude=abc", "hi", "us-east-1");
        assertThat(verify(w, Duration.ZERO)).isEmpty();
        assertRefused(new Wire(w.method(), w.rawUri().replace("abc", "abd"), w.headers(), w.body()));
        assertRefused(new Wire(w.method(), w.rawUri() + "&more=1", w.headers(), w.body()));
        assertRefused(new Wire(w.method(), w.rawUri().substring(0, w.rawUri().indexOf('?')), w.headers(), w.body()));
    }

    @Test
    void changingASignedHeaderIsRefused() {
        Wire w = postToConnection();
        assertRefused(w.withHeader("content-type", "application/jsoN"));
        assertRefused(w.withHeader("host", "127.0.0.2:8080"));
        assertRefused(w.withHeader("x-amz-date", w.headers("x-amz-date").get(0).replace("123600Z", "123601Z")));
    }

    @Test
    void signedHeaderValuesCompareWithSpacesCollapsed() {
        Wire w = postToConnection();
        assertThat(w.headers("authorization").get(0)).contains("x-spaced");
        assertThat(verify(w, Duration.ZERO)).isEmpty();
        assertThat(verify(w.withHeader("x-spaced", "a b c"), Duration.ZERO)).isEmpty(); // the same canonical value
        assertRefused(w.withHeader("x-spaced", "a bc"));
    }

    @Test
    void changingOneByteOfTheBodyIsRefused() {
        Wire w = postToConnection();
        byte[] body = w.body().clone();
        body[3] ^= 1;
        assertRefused(new Wire(w.method(), w.rawUri(), w.headers(), body));
    }

    @Test
    void changingTheSignatureOrKeyIsRefused() {
        Wire w = postToConnection();
        String auth = w.headers("authorization").get(0);
        assertRefused(w.withHeader("authorization", flip(auth, auth.length() - 1)));
        assertRefused(w.withHeader("authorization", auth.replace("Credential=AKIDEXAMPLE", "Credential=AKIDEXAMPLF")));
        assertRefused(w.withHeader("authorization", auth.replace("execute-api", "execute-apj")));
        assertRefused(w.withHeader("authorization", auth.replace("SignedHeaders=", "SignedHeaders=x;")));
    }

    @Test
    void hostAndDateMustBeSignedAndAuthorizationPresent() {
        Wire w = postToConnection();
        String auth = w.headers("authorization").get(0);
        assertThat(auth).contains("host;").contains("x-amz-date");
        assertRefused(w.withHeader("authorization", auth.replace("host;", "")));
        Map<String, List<String>> none = new LinkedHashMap<>(w.headers());
        none.remove("authorization");
        assertThat(verify(new Wire(w.method(), w.rawUri(), none, w.body()), Duration.ZERO)).contains(
                "Missing Authentication Token");
    }

    @Test
    void aConfiguredRegionIsEnforced() {
        Wire w = postToConnection();
        ManagementConfig paris = new ManagementConfig(CONFIG.credentials(), Optional.of("eu-west-3"));
        assertThat(new SigV4Verifier(paris, Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).rejection(w)).isPresent();
        assertThat(new SigV4Verifier(paris, Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .rejection(signed("GET", "/p/@connections/x", "", "eu-west-3"))).isEmpty();
    }

    @Test
    void curlsSignatureOfThePathAsSentIsAccepted() {
        // Recorded from curl 7.88.1: curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user AKIDLOCAL:… GET …
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1:8091"));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261123/us-east-1/execute-api/"
                + "aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=e810c61ece3d0cab753fc169b4f33dfa0eb64694a2286cbcc2146b372fcd1879"));
        headers.put("x-amz-date", List.of("20261123T160403Z"));
        Wire curl = new Wire("GET", "/production/@connections/pX8Q1k-sXbRU2b-C6MS3Mgg%3D", headers, new byte[0]);
        ManagementConfig local = new ManagementConfig(List.of(new ManagementConfig.Credential("AKIDLOCAL",
                "local-secret-0123456789")), Optional.empty());
        Clock then = Clock.fixed(Instant.parse("2026-11-23T16:04:03Z"), ZoneOffset.UTC);
        assertThat(new SigV4Verifier(local, then).rejection(curl)).isEmpty();
        Wire tampered = new Wire("GET", "/production/@connections/pX8Q1k-sXbRU2b-C6MS3Mgh%3D", headers, new byte[0]);
        assertThat(new SigV4Verifier(local, then).rejection(tampered)).isPresent();
    }

    @Test
    void aSingleEncodedCanonicalPathIsAlsoAccepted() {
        // curl --aws-sigv4 and other signers encode the path once; the SDKs encode the already encoded path again.
        assertThat(SigV4Encoding.encodePath("/production/@connections/abc%3D"))
                .isEqualTo("/production/%40connections/abc%253D");
        assertThat(SigV4Encoding.reencodePath("/production/@connections/abc%3D"))
                .isEqualTo("/production/%40connections/abc%3D");
    }

    @Test
    void refusedRequestsLeaveNoSigningKeyBehind() {
        SigV4Verifier verifier = new SigV4Verifier(CONFIG, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        for (int i = 0; i < 9_000; i++) { // a caller that knows the key id, not the secret, choosing the region
            Wire w = signed("POST", "/production/@connections/x", "{}", "eu-west-" + i);
            String auth = w.headers("authorization").get(0);
            assertThat(verifier.rejection(w.withHeader("authorization", flip(auth, auth.length() - 1)))).isPresent();
        }
        assertThat(verifier.cachedSigningKeys()).isZero();
        assertThat(verifier.rejection(postToConnection())).isEmpty();
        assertThat(verifier.cachedSigningKeys()).isEqualTo(1);
    }

    @Test
    void implausibleRegionsAreRefusedBeforeAnySigningKeyIsDerived() {
        SigV4Verifier verifier = new SigV4Verifier(CONFIG, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        for (String region : List.of("r".repeat(15_000), "US-EAST-1", "us east 1", "-us", "us-", "us--east", "",
                "eu-west-1\u0000", "a".repeat(33))) {
            Wire w = postToConnection();
            String auth = w.headers("authorization").get(0).replace("/us-east-1/", "/" + region + "/");
            assertThat(verifier.rejection(w.withHeader("authorization", auth))).as(region.length() > 40
                    ? region.length() + " characters" : region).get().asString().contains("valid region");
        }
        assertThat(verifier.cachedSigningKeys()).isZero();
    }

    @Test
    void theSigningKeyCacheIsBounded() {
        SigV4Verifier verifier = new SigV4Verifier(CONFIG, Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
        for (int i = 0; i < 300; i++) { // every one verified: distinct regions a configuration without one allows
            assertThat(verifier.rejection(signed("GET", "/p/@connections/x", "", "xx-region-" + i))).isEmpty();
        }
        assertThat(verifier.cachedSigningKeys()).isLessThanOrEqualTo(SigV4Verifier.MAX_CACHED_KEYS);
    }

    @Test
    void aSignatureCoversTheResourceAsTheGatewayReadsIt() {
        Wire w = postToConnection(); // connection BFHPhfCWIAMCKlQ=
        assertRefused(new Wire(w.method(), "/production/%40connections/BFHPhfCWIAMCKlQ%253D", w.headers(), w.body()));
        Wire semicolon = signed("GET", "/p/@groups/g?exclude=a%3Bb", "", "us-east-1");
        assertThat(verify(semicolon, Duration.ZERO)).isEmpty();
        assertRefused(new Wire("GET", "/p/@groups/g?exclude=a;b", semicolon.headers(), semicolon.body()));
        Wire plus = signed("GET", "/p/@groups/g?exclude=a%2Bb", "", "us-east-1");
        assertRefused(new Wire("GET", "/p/@groups/g?exclude=a+b", plus.headers(), plus.body()));
    }

    @Test
    void aSignatureInOtherScriptsDigitsIsRefused() {
        Wire w = postToConnection();
        String auth = w.headers("authorization").get(0);
        int at = auth.indexOf("Signature=") + "Signature=".length();
        assertRefused(w.withHeader("authorization", auth.substring(0, at) + "\u0663" + auth.substring(at + 1)));
    }

    private static void assertRefused(Wire wire) {
        assertThat(verify(wire, Duration.ZERO)).as("verdict on %s %s", wire.method(), wire.rawUri()).isPresent();
    }

    private static String flip(String text, int position) {
        char c = text.charAt(position);
        char other = c == 'a' ? 'b' : c == '/' ? '_' : (char) (c ^ 1);
        return text.substring(0, position) + other + text.substring(position + 1);
    }
}
