package io.switchboard.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import io.switchboard.json.Json;
import io.switchboard.testing.ClientInputs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Mapping templates (Velocity with AWS's {@code $input}, {@code $util} and {@code $context}) on what clients send:
 * the templates come from configuration, the message bodies from anyone.
 *
 * <ul>
 *   <li>A fixed set of templates, one for each of {@code $input.body}, {@code $input.json}, {@code $input.path},
 *   {@code $input.params}, {@code #foreach} over a path, {@code $util.*} and {@code $context.*}, renders any body
 *   (JSON documents, text that is not JSON, lone surrogates, deep nesting, numbers too long for Jackson) or fails
 *   with {@link TemplateException} only: no Jackson, Velocity or JDK exception, no {@link StackOverflowError}.</li>
 *   <li>{@code $util.escapeJavaScript} output, inside a JSON string literal, is JSON for that very string once
 *   {@code \'} is turned back into {@code '}, the fix-up AWS documents (its {@code \'} is not a JSON escape); text
 *   without {@code '} needs no fix-up. It is printable ASCII.</li>
 *   <li>{@code $util.base64Decode} undoes {@code base64Encode}, and {@code urlDecode} undoes {@code urlEncode}.</li>
 *   <li>{@code $input.json(path)} is {@code ""} or JSON text.</li>
 * </ul>
 * The first property fails as soon as a failure escapes unwrapped: checked by letting {@link TemplateEngine#render}
 * wrap only Velocity's parse errors, when {@code $util.urlDecode} of {@code %zz} escaped as Velocity's
 * {@code MethodInvocationException}.
 */
class MappingTemplateProperties {
    private static final TemplateEngine ENGINE = TemplateEngine.shared();
    private static final ConnectionInfo CONNECTION = new ConnectionInfo("conn-1=", 1_700_000_000_000L, "10.0.0.9",
            Optional.of("agent/1"), "api", "prod", "ws.example.com", Map.of("principalId", "ann", "level", 3));
    private static final UtilVariable UTIL = UtilVariable.INSTANCE;

    /** One template per feature a message body reaches. */
    private static final List<CompiledTemplate> TEMPLATES = List.of(
            "$input.body",
            "$input.json('$')|$input.json('$.a')|$input.json('$.items[1]')|$input.json('$.a.b.c[0]')",
            "$input.path('$')|$input.path('$.a')|$input.path('$.a').b|$input.path('$.items').size()",
            "#foreach($x in $input.path('$.items'))$x;#end#foreach($k in $input.path('$').keySet())$k,#end",
            "$input.params()|$input.params('x')",
            "$util.escapeJavaScript($input.body)|$util.escapeJavaScript($input.json('$.a'))",
            "#set($j = $util.parseJson($input.body))$j|$!j.a|#if($j.items)$j.items.get(0)#end",
            "$util.urlEncode($input.body)",
            "$util.urlDecode($input.body)",
            "$util.base64Encode($input.body)",
            "$util.base64Decode($input.body)",
            "{\"body\":\"$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")\","
                    + "\"id\":\"$context.connectionId\",\"route\":\"$context.routeKey\"}",
            "$context.connectionId $context.requestId $context.identity.sourceIp $context.authorizer.principalId")
            .stream().map(text -> ENGINE.compile(text, text)).toList();
    private static final CompiledTemplate BODY_AS_JSON_STRING = TEMPLATES.get(11);

    @Property(tries = 200)
    void templatesRenderAnyBodyOrFailWithTemplateException(@ForAll("bodies") String body) {
        TemplateVariables variables = TemplateVariables.of(event(body));
        for (CompiledTemplate template : TEMPLATES) {
            Throwable thrown = catchThrowable(() -> ENGINE.render(template, variables));
            if (thrown != null) {
                assertThat(thrown).as("%s on %s", template.velocity().getName(), body)
                        .isInstanceOf(TemplateException.class);
            }
        }
    }

    @Property(tries = 500)
    void escapedTextIsAJsonStringOnceQuotesAreFixed(@ForAll("anyText") String text) {
        String escaped = UTIL.escapeJavaScript(text);
        assertThat(escaped).matches("[\\x20-\\x7e]*");
        assertThat(Json.MAPPER.readTree("\"" + escaped.replace("\\'", "'") + "\"").asString()).isEqualTo(text);
        if (text.indexOf('\'') < 0) {
            assertThat(Json.MAPPER.readTree("\"" + escaped + "\"").asString()).isEqualTo(text);
        }
    }

    @Property(tries = 200)
    void aTemplateWritesTheBodyAsAJsonString(@ForAll("text") String body) {
        JsonNode rendered = Json.MAPPER.readTree(ENGINE.render(BODY_AS_JSON_STRING, TemplateVariables.of(event(body))));
        assertThat(rendered.get("body").asString()).isEqualTo(body);
        assertThat(rendered.get("id").asString()).isEqualTo(CONNECTION.connectionId());
    }

    @Property(tries = 300)
    void base64AndUrlEncodingRoundTrip(@ForAll("text") String text) {
        assertThat(UTIL.base64Decode(UTIL.base64Encode(text))).isEqualTo(text);
        assertThat(UTIL.urlDecode(UTIL.urlEncode(text))).isEqualTo(text);
    }

    @Property(tries = 200)
    void inputJsonIsEmptyOrJson(@ForAll("bodies") String body, @ForAll("paths") String path) {
        String json = new InputVariable(event(body)).json(path);
        if (!json.isEmpty()) {
            assertThat(catchThrowable(() -> Json.MAPPER.readTree(json))).as("%s of %s: %s", path, body, json)
                    .isNull();
        }
    }

    /** AWS's documented behaviour, kept: {@code '} becomes {@code \'}, which JSON does not allow. */
    @Example
    void aQuoteIsEscapedAsAwsEscapesIt() {
        assertThat(UTIL.escapeJavaScript("it's")).isEqualTo("it\\'s");
        assertThat(catchThrowable(() -> Json.MAPPER.readTree("\"it\\'s\""))).isInstanceOf(JacksonException.class);
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, ClientInputs.jsonDocuments()),
                Tuple.of(2, ClientInputs.anyText(30)),
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(250, 2000),
                                Arbitraries.of("[", "{\"a\":"))
                        .as((depth, open) -> open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth))),
                Tuple.of(1, Arbitraries.integers().between(999, 1002).map(n -> "{\"a\":" + "9".repeat(n) + "}")),
                Tuple.of(1, Arbitraries.of("", " ", "null", "%zz", "%", "a+b%2", "====", "aGk=", "{\"items\":[]}",
                        "{\"items\":\"x\"}", "[1,2]", "\"s\"", "{\"a\":{\"b\":{\"c\":[null]}}}")));
    }

    @Provide
    Arbitrary<String> text() {
        return ClientInputs.text(30);
    }

    @Provide
    Arbitrary<String> anyText() {
        return ClientInputs.anyText(30);
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> step = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("a", "b", "items", "action", "x", "n").map(n -> "." + n)),
                Tuple.of(1, Arbitraries.of(ClientInputs.KEYS).filter(k -> k.indexOf('\'') < 0)
                        .map(k -> "['" + k + "']")),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(i -> "[" + i + "]")));
        return step.list().ofMaxSize(3).map(s -> "$" + String.join("", s));
    }

    private static RouteEvent event(String body) {
        return RouteEvent.builder(EventType.MESSAGE, "say", CONNECTION)
                .requestId("req-1=").messageId("msg-1=").requestTimeEpoch(1_700_000_000_123L)
                .body(body, false).stageVariables(Map.of("color", "blue"))
                .queryStringParameters(Map.of("x", body), Map.of("x", List.of(body)))
                .build();
    }
}
