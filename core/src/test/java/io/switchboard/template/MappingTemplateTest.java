package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** AWS mapping templates: {@code $context}, {@code $input}, {@code $util}, {@code $stageVariables}, safely. */
class MappingTemplateTest {
    private static final TemplateEngine ENGINE = TemplateEngine.shared();
    private static final ConnectionInfo CONNECTION = new ConnectionInfo("conn-1=", 1_700_000_000_000L, "10.0.0.9",
            Optional.of("agent/1"), "api", "prod", "ws.example.com", Map.of("principalId", "ann", "level", 3));

    private static String render(String template, String body) {
        RouteEvent event = RouteEvent.builder(EventType.MESSAGE, "say", CONNECTION)
                .requestId("req-1=").messageId("msg-1=").requestTimeEpoch(1_700_000_000_123L)
                .body(body, false).stageVariables(Map.of("color", "blue"))
                .build();
        return ENGINE.render(ENGINE.compile("test", template), TemplateVariables.of(event));
    }

    @Test
    void contextVariables() {
        assertThat(render("$context.connectionId $context.routeKey $context.eventType $context.requestId "
                + "$context.extendedRequestId $context.messageId $context.stage $context.apiId $context.domainName "
                + "$context.connectedAt $context.requestTimeEpoch $context.identity.sourceIp "
                + "$context.identity.userAgent $context.authorizer.principalId $context.authorizer.level", ""))
                .isEqualTo("conn-1= say MESSAGE req-1= req-1= msg-1= prod api ws.example.com 1700000000000 "
                        + "1700000000123 10.0.0.9 agent/1 ann 3");
        assertThat(render("$context.requestTime", "")).isEqualTo("14/Nov/2023:22:13:20 +0000");
    }

    @Test
    void rendersShareNothing() {
        // Contexts are reused per thread: what one render #set must not reach the next, and each sees its own event.
        assertThat(render("#set($secret = \"from the first\")$secret", "")).isEqualTo("from the first");
        assertThat(render("[$!secret]", "")).isEqualTo("[]");
        assertThat(render("$input.body", "one")).isEqualTo("one");
        assertThat(render("$input.body", "two")).isEqualTo("two");
    }

    @Test
    void inputBodyJsonAndPath() {
        String body = "{\"a\":{\"b\":\"x\"},\"list\":[1,2,3],\"s\":\"it's\"}";
        assertThat(render("$input.body", body)).isEqualTo(body);
        assertThat(render("$input.json('$.a')", body)).isEqualTo("{\"b\":\"x\"}");
        assertThat(render("$input.json('$.missing')", body)).isEmpty();
        assertThat(render("$input.path('$.a').b", body)).isEqualTo("x");
        assertThat(render("$input.path('$.list').size()", body)).isEqualTo("3");
        assertThat(render("#foreach($n in $input.path('$.list'))$n;#end", body)).isEqualTo("1;2;3;");
        assertThat(render("$input.json('$.a')", "not json")).isEmpty();
    }

    @Test
    void utilFunctionsAndStageVariables() {
        assertThat(render("$util.escapeJavaScript($input.path('$.s'))", "{\"s\":\"it's \\\"q\\\"\"}"))
                .isEqualTo("it\\'s \\\"q\\\"");
        assertThat(render("$util.urlEncode('a b&c')", "")).isEqualTo("a+b%26c");
        assertThat(render("$util.urlDecode('a+b%26c')", "")).isEqualTo("a b&c");
        assertThat(render("$util.base64Encode('hi')|$util.base64Decode('aGk=')", "")).isEqualTo("aGk=|hi");
        assertThat(render("$util.parseJson('{\"k\":[1]}').k.get(0)", "")).isEqualTo("1");
        assertThat(render("$stageVariables.color ${stageVariables.color} $stageVariables['color']", ""))
                .isEqualTo("blue blue blue");
    }

    @Test
    void loopsAreCappedAtAwsLimit() {
        assertThat(render("#foreach($i in [1..5000])x#end", "")).hasSize(TemplateEngine.MAX_LOOPS);
    }

    @Test
    void reflectionIsBlocked() {
        String rendered = render("$input.getClass().getClassLoader()|$input.getClass().forName('java.lang.Runtime')",
                "");
        assertThat(rendered).doesNotContain("ClassLoader@").doesNotContain("class java.lang.Runtime");
        assertThat(rendered).contains("$input.getClass()");
    }

    @Test
    void syntaxErrorsSayWhere() {
        assertThat(TemplateEngine.syntaxError("#if($x)")).hasValueSatisfying(m -> assertThat(m).contains("line 1"));
        assertThat(TemplateEngine.syntaxError("$context.ok")).isEmpty();
        assertThatThrownBy(() -> ENGINE.compile("bad", "#foreach(")).isInstanceOf(TemplateException.class);
    }

    @Test
    void aMockRouteRendersOnTheLiveConnection() {
        try (TestGateway gw = TestGateway.start("""
                apis:
                  - name: vtl
                    stage: vtl
                    stage-variables: {greeting: hello}
                    routes:
                      hi:
                        integration:
                          type: mock
                          response-template: '{"say":"$stageVariables.greeting $input.path(''$.name'')","route":"$context.routeKey"}'
                        route-response: true
                      broken:
                        integration: {type: mock, request-template: '$input.path(''$.name'')'}
                        route-response: true
                """); TestWsClient client = gw.connect("vtl")) {
            client.send("{\"action\":\"hi\",\"name\":\"Ann\"}");
            assertThat(client.next()).isEqualTo("{\"say\":\"hello Ann\",\"route\":\"hi\"}");
            client.send("{\"action\":\"broken\",\"name\":\"not a status\"}");
            assertThat(client.next()).startsWith("{\"message\": \"Internal server error\"");
        }
    }

    @Test
    void aConstantRequestTemplateWithoutAStatusIsAConfigurationError() {
        assertThatThrownBy(() -> TestGateway.start("""
                apis:
                  - name: bad
                    stage: bad
                    routes:
                      $default: {integration: {type: mock, request-template: 'not json'}}
                """)).isInstanceOf(io.switchboard.config.ConfigException.class)
                .hasMessageContaining("apis[0].routes.$default.integration")
                .hasMessageContaining("did not render JSON");
    }
}
