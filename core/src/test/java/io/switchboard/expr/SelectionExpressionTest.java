package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The selection-expression table of the AWS reference (§1.1), and the edges around it. */
class SelectionExpressionTest {
    private static final String BODY = "{\"service\":\"chat\",\"action\":\"join\",\"data\":{\"room\":\"room1234\"}}";

    private static Optional<String> eval(String expression, String message) {
        return SelectionExpression.parse(expression).evaluate(message.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "$request.body.action|join",
        "${request.body.action}|join",
        "${request.body.service}/${request.body.action}|chat/join",
        "${request.body.action}-${request.body.invalidPath}|join-",
        "action|action",
        "\\$default|$default",
        "$request.body.data.room|room1234",
        "$request.body['data']['room']|room1234",
        "$request.body.invalidPath|''",
    })
    void awsTable(String expression, String expected) {
        assertThat(eval(expression, BODY)).contains(expected.equals("''") ? "" : expected);
    }

    @Test
    void valuesAreStringified() {
        assertThat(eval("$request.body.n", "{\"n\":42}")).contains("42");
        assertThat(eval("$request.body.n", "{\"n\":1.50}")).contains("1.50");
        assertThat(eval("$request.body.b", "{\"b\":true}")).contains("true");
        assertThat(eval("$request.body.a", "{\"a\":[\"x\",2,[3]]}")).contains("[x, 2, [3]]");
        assertThat(eval("$request.body.o", "{\"o\":{\"k\":\"v\",\"n\":1}}")).contains("{k=v, n=1}");
        assertThat(eval("$request.body.z", "{\"z\":null}")).contains("");
    }

    @Test
    void arrayIndexes() {
        assertThat(eval("$request.body.items[1].id", "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}]}")).contains("b");
        assertThat(eval("$request.body.items[5]", "{\"items\":[1]}")).contains("");
    }

    @Test
    void lastDuplicateWinsAsInJsonParse() {
        assertThat(eval("$request.body.action", "{\"action\":\"a\",\"action\":\"b\"}")).contains("b");
    }

    @Test
    void skipsLargeUnrelatedValues() {
        String big = "{\"blob\":{\"deep\":[" + "1,".repeat(10_000) + "1]},\"action\":\"later\"}";
        assertThat(eval("$request.body.action", big)).contains("later");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "", "{\"action\":\"ping\"", "{\"action\":\"ping\"} trailing",
        "{\"action\":\"ping\"}{}", "{action:ping}", "[1,2"})
    void nonJsonSelectsNothing(String message) {
        assertThat(eval("$request.body.action", message)).isEmpty();
        assertThat(eval("${request.body.action}-x", message)).isEmpty();
    }

    @Test
    void staticExpressionIgnoresTheMessage() {
        assertThat(eval("fixed", "not json")).contains("fixed");
    }

    @Test
    void jsonThatIsNotAnObjectSelectsTheEmptyKey() {
        assertThat(eval("$request.body.action", "[\"action\"]")).contains("");
        assertThat(eval("$request.body.action", "\"action\"")).contains("");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$request.header.x", "${context.routeKey}", "${request.body.action", "$request.body",
        "$request.body.a[*]", "", "${request.body }", "${request.body\t}-x"}) // the last two found by the properties
    void unsupportedExpressionsAreRejected(String expression) {
        assertThatThrownBy(() -> SelectionExpression.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }
}
