package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            apis:
              - name: demo
                stage: production
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
            """;

    private static SwitchboardConfig parse(String yaml) {
        return ConfigLoader.withEnvironment(Map.of()).parse(yaml);
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("the configuration was accepted");
    }

    @Test
    void defaultsAreAwsLimits() {
        SwitchboardConfig config = parse(MINIMAL);
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        ApiConfig api = config.apis().get(0);
        assertThat(api.limits()).isEqualTo(LimitsConfig.DEFAULTS);
        assertThat(api.limits().frameBytes()).isEqualTo(32768);
        assertThat(api.limits().messageBytes()).isEqualTo(131072);
        assertThat(api.routeSelectionExpression().source()).isEqualTo("$request.body.action");
        assertThat(api.acceptBinary()).isFalse();
        assertThat(api.routes().get("ping").routeResponse()).isTrue();
    }

    @Test
    void readsDurationsSizesAndEveryIntegrationType() {
        SwitchboardConfig config = parse("""
                server: {port: 0, handshake-timeout: 500ms, function-threads: 8}
                apis:
                  - name: a
                    stage: s
                    stage-variables: {backend: "127.0.0.1:9000"}
                    route-selection-expression: ${request.body.type}
                    limits: {frame-bytes: 16KB, message-bytes: 1MiB, idle-timeout: 30s, max-connection-duration: 1h}
                    routes:
                      $connect: {}
                      f: {integration: {type: function, handler: com.example.Handler, timeout: 50ms}}
                      h: {integration: {type: http, uri: "http://${stageVariables.backend}/x", headers: {X-A: b}}}
                      m: {integration: {type: mock, request-template: '{"statusCode": 200}'}}
                """);
        ApiConfig api = config.apis().get(0);
        assertThat(config.server().handshakeTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(api.limits().frameBytes()).isEqualTo(16384);
        assertThat(api.limits().messageBytes()).isEqualTo(1024 * 1024);
        assertThat(api.limits().idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(api.limits().maxConnectionDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(api.routes().get("$connect").integration()).isEmpty();
        assertThat(api.routes().get("f").integration().orElseThrow())
                .isEqualTo(new IntegrationConfig.Function("com.example.Handler", Duration.ofMillis(50)));
        IntegrationConfig.Http http = (IntegrationConfig.Http) api.routes().get("h").integration().orElseThrow();
        assertThat(http.uri().toString()).isEqualTo("http://127.0.0.1:9000/x");
        assertThat(http.headers()).containsEntry("X-A", "b");
        assertThat(http.timeout()).isEqualTo(Duration.ofSeconds(29));
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        List<ConfigProblem> problems = problems("""
                server: {prot: 80, port: 70000}
                apis:
                  - name: demo
                    stage: production
                    limits: {frame-byte: 1}
                    routes:
                      ping: {integration: {type: mock, respons-template: x}}
                      send: {}
                      $custom: {integration: {type: mock}}
                      slow: {integration: {type: function, handler: a.B, timeout: 30s}}
                      bad: {integration: {type: lambda}}
                """);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "server.port",
                "server.prot",
                "apis[0].limits.frame-byte",
                "apis[0].routes.ping.integration.respons-template",
                "apis[0].routes.send.integration",
                "apis[0].routes.$custom",
                "apis[0].routes.slow.integration.timeout",
                "apis[0].routes.bad.integration.type");
        assertThat(problems).filteredOn(p -> p.path().equals("server.prot"))
                .singleElement().extracting(ConfigProblem::message).asString()
                .contains("unknown key").contains("port");
        assertThat(problems).filteredOn(p -> p.path().endsWith("timeout"))
                .singleElement().extracting(ConfigProblem::message).asString()
                .contains("between 50ms and 29s");
    }

    @Test
    void managementCredentialsAndEngine() {
        SwitchboardConfig config = ConfigLoader.withEnvironment(Map.of("SWITCHBOARD_SECRET", "s3cret-from-the-env-42"))
                .parse("""
                        engine: {type: memory}
                        management:
                          credentials: [{access-key-id: AKIDLOCAL, secret-access-key: "${SWITCHBOARD_SECRET}"}]
                          region: eu-west-3
                        """ + MINIMAL);
        assertThat(config.engine().type()).isEqualTo("memory");
        assertThat(config.management().credentials()).singleElement()
                .satisfies(c -> assertThat(c.secretAccessKey()).isEqualTo("s3cret-from-the-env-42"))
                .satisfies(c -> assertThat(c.toString()).contains("AKIDLOCAL").doesNotContain("s3cret"));
        assertThat(config.management().region()).hasValue("eu-west-3");
        assertThat(parse(MINIMAL).management().credentials()).isEmpty();

        List<ConfigProblem> problems = problems("""
                engine: {type: redis}
                management:
                  credentials:
                    - {access-key-id: "AK ID", secret-access-key: short}
                    - {access-key-id: TWICE, secret-access-key: long-enough-secret-123}
                    - {access-key-id: TWICE, secret-access-key: long-enough-secret-456}
                    - {secret-access-key: long-enough-secret-789}
                  region: "Not A Region"
                """ + MINIMAL);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "engine.type",
                "management.credentials[0].access-key-id",
                "management.credentials[0].secret-access-key",
                "management.credentials",
                "management.credentials[3].access-key-id",
                "management.region");
        assertThat(problems.toString()).doesNotContain("long-enough-secret");
    }

    @Test
    void rejectsDuplicateAndReservedStages() {
        assertThat(problems("""
                apis:
                  - {name: a, stage: s, routes: {x: {integration: {type: mock}}}}
                  - {name: a, stage: s, routes: {x: {integration: {type: mock}}}}
                  - {name: c, stage: healthz, routes: {x: {integration: {type: mock}}}}
                """)).extracting(ConfigProblem::path)
                .containsExactlyInAnyOrder("apis[1].name", "apis[1].stage", "apis[2].stage");
    }

    @Test
    void rejectsBadSelectionExpressionsTemplatesAndUris() {
        assertThat(problems("""
                apis:
                  - name: a
                    stage: s
                    route-selection-expression: $request.header.x
                    stage-variables: {"bad name": x}
                    routes:
                      m: {integration: {type: mock, response-template: '#if($x)'}}
                      h: {integration: {type: http, uri: "ftp://x/y"}}
                      v: {integration: {type: http, uri: "http://${stageVariables.missing}/y"}}
                      $disconnect: {integration: {type: mock}, route-response: true}
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "apis[0].route-selection-expression",
                "apis[0].stage-variables",
                "apis[0].routes.m.integration.response-template",
                "apis[0].routes.h.integration.uri",
                "apis[0].routes.v.integration.uri",
                "apis[0].routes.v.integration.uri",
                "apis[0].routes.$disconnect.route-response");
    }

    @Test
    void interpolatesEnvironmentVariablesButNotGatewayExpressions() {
        SwitchboardConfig config = ConfigLoader.withEnvironment(Map.of("PORT", "9123", "TOKEN", "s3cret")).parse("""
                server: {port: "${PORT}", domain-name: "${DOMAIN:-ws.example.com}"}
                apis:
                  - name: a
                    stage: s
                    route-selection-expression: ${request.body.kind}
                    routes:
                      h: {integration: {type: http, uri: "http://127.0.0.1/x", headers: {Authorization: "Bearer ${TOKEN}"}}}
                      m: {integration: {type: mock, response-template: '$${NOT_ENV} ${input}'}}
                """);
        assertThat(config.server().port()).isEqualTo(9123);
        assertThat(config.server().domainName()).contains("ws.example.com");
        ApiConfig api = config.apis().get(0);
        assertThat(api.routeSelectionExpression().source()).isEqualTo("${request.body.kind}");
        assertThat(((IntegrationConfig.Http) api.routes().get("h").integration().orElseThrow()).headers())
                .containsEntry("Authorization", "Bearer s3cret");
        assertThat(((IntegrationConfig.Mock) api.routes().get("m").integration().orElseThrow()).responseTemplate())
                .contains("${NOT_ENV} ${input}");
    }

    @Test
    void anUnsetVariableIsAProblemAtItsPath() {
        assertThat(problems(MINIMAL + "server: {host: \"${NO_SUCH_VARIABLE}\"}\n"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("server.host");
                    assertThat(p.message()).contains("NO_SUCH_VARIABLE");
                });
    }

    @Test
    void wrongShapesAreProblemsNotCrashes() {
        assertThat(problems("""
                server: [1, 2]
                apis: {name: x}
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder("server", "apis");
        assertThat(problems("apis:\n  - name: a\n    stage: s\n    routes: [x]\n"))
                .extracting(ConfigProblem::path).contains("apis[0].routes");
        assertThat(problems("")).extracting(ConfigProblem::path).containsExactly("apis");
    }

    @Test
    void aPathWithANulIsAProblemAtItsKey() {
        // Found by ConfigLoaderProperties (shrunk: server.classpath "a\0b"): Path.of threw InvalidPathException.
        assertThat(problems(MINIMAL + """
                server:
                  classpath: ["a\\0b"]
                  tls: {certificate: "a\\0b", private-key: "\\0"}
                  static: [{path: /s/, dir: "d\\0"}]
                dev-issuer: {key-file: "~/k\\0"}
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder("server.classpath",
                "server.tls.certificate", "server.tls.private-key", "server.static[0].dir", "dev-issuer.key-file");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysNameTheLine() {
        assertThatThrownBy(() -> parse("apis:\n  - name: [unclosed\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> parse(MINIMAL + "apis: []\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("apis");
    }

    @Test
    void loadsFilesAndReportsMissingOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, MINIMAL);
        assertThat(ConfigLoader.create().load(file).apis()).hasSize(1);
        assertThatThrownBy(() -> ConfigLoader.create().load(dir.resolve("missing.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no configuration file");
    }

    @Test
    void relativePathsInAFileResolveAgainstItsDirectory(@TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("site"));
        Files.createDirectories(project.resolve("handlers"));
        Path file = project.resolve("switchboard.yaml");
        Files.writeString(file, """
                server:
                  classpath: [handlers]
                  static:
                    - {path: /, dir: site}
                """ + MINIMAL);
        SwitchboardConfig config = ConfigLoader.create().load(file);
        assertThat(config.server().classpath()).containsExactly(project.resolve("handlers"));
        assertThat(config.server().staticFiles().get(0).directory()).contains(project.resolve("site"));
        // Text has no file: its relative paths stay relative to the working directory.
        assertThat(parse("server: {static: [{path: /, dir: .}]}\n" + MINIMAL).server().staticFiles().get(0)
                .directory()).contains(Path.of("."));
    }

    @Test
    void unitsParseAndFormat() {
        assertThat(Units.parseDuration("50ms")).isEqualTo(Duration.ofMillis(50));
        assertThat(Units.parseDuration("29s")).isEqualTo(Duration.ofSeconds(29));
        assertThat(Units.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Units.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Units.parseDuration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Units.parseSize("32KB")).isEqualTo(32768);
        assertThat(Units.parseSize("128 KiB")).isEqualTo(131072);
        assertThat(Units.parseSize("2mb")).isEqualTo(2 * 1024 * 1024);
        assertThat(Units.parseSize("100")).isEqualTo(100);
        assertThat(Units.format(Duration.ofMillis(50))).isEqualTo("50ms");
        assertThat(Units.format(Duration.ofHours(2))).isEqualTo("2h");
        assertThatThrownBy(() -> Units.parseDuration("10")).hasMessageContaining("unit");
        assertThatThrownBy(() -> Units.parseSize("12 parsecs")).hasMessageContaining("size");
        // Found by UnitsProperties (shrunk): an ArithmeticException, and "long overflow" as the configuration problem.
        assertThatThrownBy(() -> Units.parseSize("10000000000GB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThat(Units.parseSize("8589934591GiB")).isEqualTo(8589934591L << 30);
        assertThat(problems(MINIMAL + "server: {max-header-size: 10000000000GB}\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("too large"));
    }

    /** The problems of an API that has {@code extra} among its keys, as printed by check-config. */
    private static List<String> apiProblems(String extra) {
        return problems("""
                apis:
                  - name: a
                    stage: s
                    routes:
                      $default: {integration: {type: mock}}
                      send: {integration: {type: topic, topic: t}}
                    topics: {t: {}}
                """ + extra.indent(4)).stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void aRouteSelectionExpressionWithoutItsDollarIsRefused() {
        assertThat(apiProblems("route-selection-expression: request.body.action")).containsExactly(
                "apis[0].route-selection-expression: 'request.body.action' is plain text: a variable starts with $, "
                        + "as in $request.body.<path> (did you mean '$request.body.action'?)");
        assertThat(apiProblems("route-selection-expression: \"{request.body.service}/${request.body.action}\""))
                .containsExactly("apis[0].route-selection-expression: '{request.body.service}/${request.body.action}' "
                        + "is plain text: a variable starts with $, as in $request.body.<path> (did you mean "
                        + "'${request.body.service}/${request.body.action}'?)");
    }

    @Test
    void aMisspeltRouteSelectionExpressionIsQuotedAsWritten() {
        assertThat(apiProblems("route-selection-expression: $request.bodyy.action")).containsExactly(
                "apis[0].route-selection-expression: '$request.bodyy.action' is not a selection expression: "
                        + "expected $request.body.<path> (did you mean '$request.body.action'?)");
        assertThat(apiProblems("route-selection-expression: \"v1-${requst.body.action}\"")).containsExactly(
                "apis[0].route-selection-expression: '${requst.body.action}' is not a selection expression: "
                        + "expected $request.body.<path> (did you mean '${request.body.action}'?)");
        assertThat(apiProblems("route-selection-expression: $request.header.x")).containsExactly(
                "apis[0].route-selection-expression: '$request.header.x' is not a selection expression: expected "
                        + "$request.body.<path>, the only variables that can select a route (write \\$ for a "
                        + "literal dollar)");
        assertThat(apiProblems("route-selection-expression: $request.body.a..b")).containsExactly(
                "apis[0].route-selection-expression: '$request.body.a..b' has a path that is not supported after "
                        + "$request.body: use .name, ['name'] and [index]");
    }

    @Test
    void otherExpressionsWithoutTheirDollarOrMisspeltAreQuotedAsWritten() {
        assertThat(apiProblems("connections: {user-id: context.authorizer.principalId}")).containsExactly(
                "apis[0].connections.user-id: 'context.authorizer.principalId' is not a user id expression; use "
                        + "$context.authorizer.principalId (or another $context.authorizer.name), "
                        + "$context.connectionId, $context.identity.sourceIp, $request.querystring.name or "
                        + "$request.header.name (did you mean '$context.authorizer.principalId'?)");
        assertThat(apiProblems("connections: {user-id: $request.querystrings.user}")).singleElement()
                .satisfies(p -> assertThat(p).startsWith("apis[0].connections.user-id: '$request.querystrings.user' "
                        + "is not a user id expression").endsWith("(did you mean '$request.querystring.user'?)"));
        assertThat(apiProblems("api-key-selection-expression: request.header.x-api-key")).containsExactly(
                "apis[0].api-key-selection-expression: must be $request.header.x-api-key or "
                        + "$context.authorizer.usageIdentifierKey (the two AWS supports), not "
                        + "'request.header.x-api-key' (did you mean '$request.header.x-api-key'?)");
        assertThat(problems("""
                apis:
                  - name: a
                    stage: s
                    routes:
                      send: {integration: {type: topic, topic: t, message: $request.bodyy.message}}
                    topics: {t: {}}
                """)).extracting(ConfigProblem::toString).containsExactly(
                "apis[0].routes.send.integration.message: '$request.bodyy.message' must be $request.body or "
                        + "$request.body.<path>, such as $request.body.message (did you mean "
                        + "'$request.body.message'?)");
    }

    @Test
    void durationsInProblemsAreWrittenAsInTheConfiguration() {
        assertThat(problems(MINIMAL + "server: {node-heartbeat: 10s, node-expiry: 15s}\n"))
                .extracting(ConfigProblem::toString).containsExactly("server.node-expiry: must be at least twice "
                        + "node-heartbeat (10s), so that one late heartbeat does not take a node for dead");
        assertThat(problems(MINIMAL + "server: {handshake-timeout: 2d}\n"))
                .extracting(ConfigProblem::toString).singleElement()
                .satisfies(p -> assertThat(p).startsWith("server.handshake-timeout: must be between ")
                        .doesNotContain("PT"));
    }
}
