package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The security keys of a configuration: defaults, and every mistake reported at its path. */
class AccessConfigTest {

    private static List<String> problems(String yaml) {
        try {
            ConfigLoader.withEnvironment(Map.of()).parse(yaml);
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    @Test
    void secureDefaults() {
        SwitchboardConfig config = ConfigLoader.withEnvironment(Map.of()).parse(
                "apis: [{name: a, stage: a, routes: {$default: {integration: {type: mock}}}}]");
        assertThat(config.server().allowedOrigins()).isEmpty();
        assertThat(config.server().connectThrottling()).isEmpty();
        assertThat(config.devIssuer().enabled()).isFalse();
        AccessConfig access = config.apis().get(0).access();
        assertThat(access.throttling()).isEqualTo(new ThrottleConfig(10_000, 5_000));
        assertThat(access.apiKeySource()).isEqualTo(AccessConfig.ApiKeySource.HEADER);
        assertThat(access.perConnection()).contains(ThrottleConfig.PER_CONNECTION_DEFAULT);
    }

    @Test
    void jwtDefaults() {
        SwitchboardConfig config = ConfigLoader.withEnvironment(Map.of()).parse("""
                apis:
                  - name: a
                    stage: a
                    authorizers: [{name: j, type: jwt, jwks-uri: "https://issuer.example/jwks", issuer: i, audiences: [x]}]
                    routes: {$connect: {authorizer: j}, $default: {integration: {type: mock}}}
                """);
        AuthorizerConfig.Jwt jwt = (AuthorizerConfig.Jwt) config.apis().get(0).access().authorizers().get(0);
        assertThat(jwt.algorithms()).containsExactlyInAnyOrder("RS256", "ES256");
        assertThat(jwt.clockSkew()).hasSeconds(60);
        assertThat(jwt.identitySources()).extracting(IdentitySource::toString)
                .containsExactly("route.request.header.Authorization", "route.request.querystring.authorization");
    }

    @Test
    void mistakesAreReportedAtTheirPaths() {
        List<String> problems = problems("""
                server: {allowed-origins: ["https://*.example.com", "example.com"]}
                apis:
                  - name: a
                    stage: a
                    api-key-selection-expression: $request.querystring.key
                    authorizers:
                      - {name: j, type: jwt, jwks-uri: "http://issuer.example/jwks", issuer: i, audiences: [x],
                         algorithms: [HS256, none]}
                      - {name: k, type: jwt, issuer: i}
                      - {name: r, type: request, identity-source: [route.request.cookie.x], integration: {type: mock}}
                    throttling: {rate-limit: -1, burst-limit: many}
                    routes:
                      $connect: {authorizer: nobody, api-key-required: true}
                      chat: {authorizer: j, integration: {type: mock}}
                """);
        assertThat(problems).anyMatch(p -> p.startsWith("server.allowed-origins: 'https://*.example.com' has a "
                + "wildcard"));
        assertThat(problems).anyMatch(p -> p.startsWith("server.allowed-origins: 'example.com' is not an origin"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].api-key-selection-expression:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[0].jwks-uri: must use https://"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[0].algorithms: 'HS256' is not "
                + "accepted"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[0].algorithms: 'none' is not"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[1].jwks-uri: is required"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[1].audiences:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[2].identity-source:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].authorizers[2].integration: must be of type"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].throttling.rate-limit:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].throttling.burst-limit:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].routes.$connect.authorizer: no authorizer is "
                + "named 'nobody'"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].routes.chat.authorizer: only $connect"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].usage-plans: a route has api-key-required"));
    }

    @Test
    void usagePlanMistakes() {
        List<String> problems = problems("""
                apis:
                  - name: a
                    stage: a
                    usage-plans:
                      - name: p
                        quota: {limit: 0, period: year}
                        api-keys: [{id: k1, value: short}, {id: k1, value: "0123456789abcdefghijk"}]
                      - {name: q, api-keys: [{id: k2, value: "0123456789abcdefghijk"}]}
                    routes: {$default: {integration: {type: mock}}}
                """);
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].usage-plans[0].quota.limit:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].usage-plans[0].quota.period:"));
        assertThat(problems).anyMatch(p -> p.startsWith("apis[0].usage-plans[0].api-keys[0].value: must be 20"));
        assertThat(problems).anyMatch(p -> p.contains("the API key id 'k1' is used twice"));
        assertThat(problems).anyMatch(p -> p.contains("the API key k2 has the same value as another key"));
    }
}
