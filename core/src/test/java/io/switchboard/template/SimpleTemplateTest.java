package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path for simple templates renders exactly what Velocity renders, and leaves everything else to
 * Velocity.
 */
class SimpleTemplateTest {
    private static final TemplateEngine ENGINE = TemplateEngine.shared();
    private static final ConnectionInfo CONNECTION = new ConnectionInfo("conn-1=", 1_700_000_000_000L, "10.0.0.9",
            Optional.of("agent/1"), "api", "prod", "ws.example.com", Map.of("principalId", "ann", "level", 3));
    private static final RouteEvent EVENT = RouteEvent.builder(EventType.MESSAGE, "say", CONNECTION)
            .requestId("req-1=").messageId("msg-1=").requestTimeEpoch(1_700_000_000_123L)
            .body("{}", false).stageVariables(Map.of("color", "blue")).build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\"$context.connectionId\"}",
        "${context.routeKey}-$context.stage",
        "$context.identity.sourceIp $context.identity.userAgent $context.authorizer.principalId",
        "$context.authorizer.level|$context.authorizer.missing|$context.identity.nothing",
        "$context.unknown and $stageVariables.color and $stageVariables.none",
        "$context.connectedAt $context.requestTimeEpoch $context.messageId $context.eventType",
        "$context.requestTime $context.requestId=$context.extendedRequestId",
        "mail@$context.domainName. done",
        "$context.apiId-x $context.apiId_x",
        "${context.connectionId}${stageVariables.color}",
        "no references at all, but a $ sign"
    })
    void rendersWhatVelocityRenders(String text) {
        CompiledTemplate compiled = ENGINE.compile("t", text);
        CompiledTemplate velocityOnly = new CompiledTemplate("t", compiled.velocity(), Optional.empty(),
                Optional.empty());
        String expected = ENGINE.render(velocityOnly, TemplateVariables.of(EVENT));
        assertThat(ENGINE.render(compiled, TemplateVariables.of(EVENT))).isEqualTo(expected);
        if (!text.contains("$ sign")) {
            assertThat(compiled.simple()).as("fast path for %s", text).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "#if($context.connectionId)x#end",
        "$input.body",
        "$!context.connectionId",
        "$context.connectionId.length()",
        "$context.connectionId.bytes",
        "\\$context.connectionId",
        "$util.urlEncode('a')",
        "${context.connectionId",
        "$stageVariables['color']"
    })
    void leavesTheRestToVelocity(String text) {
        assertThat(SimpleTemplate.of(text)).isEmpty();
    }
}
