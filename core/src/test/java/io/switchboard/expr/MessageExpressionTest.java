package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a {@code topic} or {@code queue} route takes from the client's message. */
class MessageExpressionTest {

    private static RouteEvent message(String body, boolean binary) {
        ConnectionInfo info = new ConnectionInfo("c=", 1, "127.0.0.1", Optional.empty(), "api", "s", "h", Map.of());
        return RouteEvent.builder(EventType.MESSAGE, "send", info).requestId("r").body(body, binary).build();
    }

    private static Optional<String> eval(String expression, String body) {
        return MessageExpression.parse(expression).evaluate(message(body, false));
    }

    @Test
    void stringsAreTheirTextAndOtherValuesTheirJson() {
        assertThat(eval("$request.body.message", "{\"message\":\"hi \\\"you\\\"\"}")).hasValue("hi \"you\"");
        assertThat(eval("$request.body.message", "{\"message\": {\"type\": \"chat\", \"n\": [1, 2]}}"))
                .hasValue("{\"type\":\"chat\",\"n\":[1,2]}");
        assertThat(eval("$request.body.message", "{\"message\": 12.5}")).hasValue("12.5");
        assertThat(eval("$request.body.a.b[1]", "{\"a\":{\"b\":[\"x\",\"y\"]}}")).hasValue("y");
        assertThat(eval("$request.body['message']", "{\"message\":true}")).hasValue("true");
    }

    @Test
    void theWholeBodyIsTakenAsSent() {
        assertThat(eval("$request.body", "not json at all")).hasValue("not json at all");
        assertThat(MessageExpression.parse("$request.body").evaluate(message("AAEC", true))).hasValue("AAEC");
    }

    @Test
    void nothingAtThePathIsEmpty() {
        assertThat(eval("$request.body.message", "{\"other\":1}")).isEmpty();
        assertThat(eval("$request.body.message", "{\"message\":null}")).isEmpty();
        assertThat(eval("$request.body.message", "not json")).isEmpty();
        assertThat(MessageExpression.parse("$request.body.message").evaluate(message("AAEC", true))).isEmpty();
    }

    @Test
    void onlyRequestBodyExpressionsParse() {
        assertThatThrownBy(() -> MessageExpression.parse("$request.bodyx")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageExpression.parse("message")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageExpression.parse("$request.body.*")).isInstanceOf(IllegalArgumentException.class);
    }
}
