package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.Gateway;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The development issuer: its JWKS and token endpoints, which example pages call to sign users in with no outside
 * service; tokens it signs verify in process ({@code dev-issuer: true}) and through its published JWKS.
 */
class DevIssuerTest {
    @TempDir
    static Path dir;
    private static TestGateway issuer;
    private static TestGateway relying;

    @BeforeAll
    static void start() {
        issuer = TestGateway.start("""
                dev-issuer: {enabled: true, key-file: "%s", ttl: 10m}
                apis:
                  - name: chat
                    stage: chat
                    authorizers: [{name: dev, type: jwt, dev-issuer: true}]
                    routes:
                      $connect: {authorizer: dev}
                      $default: {integration: {type: mock, response-template: 'hi $context.authorizer.principalId'}, route-response: true}
                """.formatted(dir.resolve("issuer-key.json")));
        relying = TestGateway.start("""
                apis:
                  - name: other
                    stage: other
                    authorizers:
                      - {name: remote, type: jwt, jwks-uri: "%s/.well-known/jwks.json", issuer: switchboard-dev,
                         audiences: [switchboard]}
                    routes:
                      $connect: {authorizer: remote}
                      $default: {integration: {type: mock, response-template: 'other $context.authorizer.principalId'}, route-response: true}
                """.formatted(issuer.server().httpUri()));
    }

    @AfterAll
    static void stop() {
        relying.close();
        issuer.close();
    }

    private static HttpResponse<String> post(String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.server().httpUri() + "/dev-issuer/token"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user) throws Exception {
        HttpResponse<String> response = post("{\"sub\":\"" + user + "\"}", Map.of("Content-Type",
                "application/json", "Origin", issuer.server().httpUri().toString()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode answer = Json.MAPPER.readTree(response.body());
        assertThat(answer.get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(answer.get("expiresIn").asLong()).isEqualTo(600);
        return answer.get("token").asString();
    }

    @Test
    void aPageGetsATokenAndConnectsWithIt() throws Exception {
        String token = token("alice");
        try (TestWsClient client = TestWsClient.connect(issuer.ws("chat?authorization=" + token))) {
            client.send("x");
            assertThat(client.next()).isEqualTo("hi alice");
        }
        try (TestWsClient client = TestWsClient.connect(relying.ws("other"), Map.of("Authorization",
                "Bearer " + token), List.of())) {
            client.send("x");
            assertThat(client.next()).isEqualTo("other alice");
        }
    }

    @Test
    void theJwksHoldsOnlyThePublicKey() {
        HttpResponse<String> jwks = issuer.get("/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = Json.MAPPER.readTree(jwks.body()).get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("EC");
        assertThat(key.get("crv").asString()).isEqualTo("P-256");
        assertThat(key.has("d")).isFalse();
    }

    @Test
    void theTokenEndpointRefusesOtherOriginsFormsAndBadNames() throws Exception {
        assertThat(post("{\"sub\":\"alice\"}", Map.of("Content-Type", "application/json",
                "Origin", "https://evil.example")).statusCode()).isEqualTo(403);
        assertThat(post("sub=alice", Map.of("Content-Type", "application/x-www-form-urlencoded")).statusCode())
                .isEqualTo(415);
        assertThat(post("{\"sub\":\"a b\"}", Map.of("Content-Type", "application/json")).statusCode())
                .isEqualTo(400);
        assertThat(post("{\"sub\":\"alice\",\"ttl\":\"30d\"}", Map.of("Content-Type", "application/json"))
                .statusCode()).isEqualTo(400);
        assertThat(post("{}", Map.of("Content-Type", "application/json")).statusCode()).isEqualTo(400);
        assertThat(issuer.get("/dev-issuer/token").statusCode()).isEqualTo(405);
    }

    @Test
    void tokensOfAnotherKeyAreRefused(@TempDir Path other) {
        String foreign = DevIssuer.load(new io.switchboard.config.DevIssuerConfig(true, other.resolve("k.json"),
                "switchboard-dev", "switchboard", java.time.Duration.ofHours(1), java.time.Duration.ofHours(1),
                false)).mint("mallory", java.time.Duration.ofMinutes(5), Map.of());
        assertThat(TestWsClient.refusedStatus(issuer.ws("chat?authorization=" + foreign), Map.of())).isEqualTo(403);
    }

    @Test
    void aTooLongLifetimeIsRefusedWithTheLimitAsConfigured(@TempDir Path other) {
        DevIssuer dev = DevIssuer.load(new io.switchboard.config.DevIssuerConfig(true, other.resolve("k.json"),
                "switchboard-dev", "switchboard", java.time.Duration.ofHours(1), java.time.Duration.ofHours(24),
                false));
        assertThatThrownBy(() -> dev.mint("alice", java.time.Duration.ofDays(2), Map.of()))
                .hasMessage("the lifetime must be positive and at most 1d");
    }

    @Test
    void offByDefault() {
        try (TestGateway plain = TestGateway.start("apis: [{name: a, stage: a, routes: {$default: "
                + "{integration: {type: mock}}}}]")) {
            assertThat(plain.get("/.well-known/jwks.json").statusCode()).isEqualTo(404);
            assertThat(plain.get("/dev-issuer/token").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void refusedOnANonLoopbackBindUnlessForced(@TempDir Path keys) {
        String yaml = """
                server: {host: 0.0.0.0}
                dev-issuer: {enabled: true, key-file: "%s"%s}
                apis: [{name: a, stage: a, routes: {$default: {integration: {type: mock}}}}]
                """;
        assertThatThrownBy(() -> Gateway.create(ConfigLoader.withEnvironment(Map.of())
                .parse(yaml.formatted(keys.resolve("k.json"), ""))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dev-issuer.enabled");
        Gateway.create(ConfigLoader.withEnvironment(Map.of())
                .parse(yaml.formatted(keys.resolve("k.json"), ", allow-non-loopback: true"))).close();
    }
}
