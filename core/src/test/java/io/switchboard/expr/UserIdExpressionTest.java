package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code connections.user-id}: what each expression reads from a CONNECT event, and the fallback. */
class UserIdExpressionTest {

    private static RouteEvent connect(Map<String, Object> authorizer) {
        ConnectionInfo info = new ConnectionInfo("conn-1=", 1, "10.0.0.7", Optional.of("agent"), "api", "stage",
                "example.com", authorizer);
        return RouteEvent.builder(EventType.CONNECT, "$connect", info).requestId("r")
                .headers(Map.of("X-User", "from-header"), Map.of("X-User", List.of("from-header")))
                .queryStringParameters(Map.of("user", "from-query"), Map.of("user", List.of("from-query")))
                .build();
    }

    @Test
    void theDefaultIsTheAuthorizersPrincipalElseTheConnectionId() {
        assertThat(UserIdExpression.DEFAULT.userId(connect(Map.of("principalId", "auth0|42", "role", "admin"))))
                .isEqualTo("auth0|42");
        assertThat(UserIdExpression.DEFAULT.userId(connect(Map.of()))).isEqualTo("conn-1=");
        assertThat(UserIdExpression.DEFAULT.userId(connect(Map.of("principalId", "  ")))).isEqualTo("conn-1=");
    }

    @Test
    void eachSourceIsRead() {
        RouteEvent event = connect(Map.of("principalId", "p", "tenant", 7, "claims", Map.of("sub", "s-1")));
        assertThat(UserIdExpression.parse("$context.authorizer.tenant").userId(event)).isEqualTo("7");
        assertThat(UserIdExpression.parse("$context.authorizer.claims.sub").userId(event)).isEqualTo("s-1");
        assertThat(UserIdExpression.parse("$context.authorizer.claims").userId(event)).isEqualTo("conn-1=");
        assertThat(UserIdExpression.parse("$context.connectionId").userId(event)).isEqualTo("conn-1=");
        assertThat(UserIdExpression.parse("$context.identity.sourceIp").userId(event)).isEqualTo("10.0.0.7");
        assertThat(UserIdExpression.parse("$request.querystring.user").userId(event)).isEqualTo("from-query");
        assertThat(UserIdExpression.parse("$request.header.x-user").userId(event)).isEqualTo("from-header");
        assertThat(UserIdExpression.parse("$request.querystring.other").userId(event)).isEqualTo("conn-1=");
    }

    @Test
    void otherExpressionsAreRefused() {
        for (String bad : List.of("$request.body.user", "$context.authorizer.", "user", "$context.authorizer.a..b",
                "$request.header.a.b", "${context.connectionId}")) {
            assertThatThrownBy(() -> UserIdExpression.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
