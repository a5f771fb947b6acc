package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.json.JsonPath;
import io.switchboard.testing.ClientInputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Route selection expressions ({@code $request.body.action}, {@code ${request.body.a}-${request.body.b}}, {@code \$}
 * for a dollar), which come from configuration but are evaluated against every client message.
 *
 * <ul>
 *   <li>Any string either parses or is refused with {@link IllegalArgumentException} and a message (the
 *   configuration reports it at its path); nothing else escapes, such as an index out of bounds from a {@code $}
 *   or a {@code ${} at the end.</li>
 *   <li>Evaluating a parsed expression is total: any message bytes give a key or nothing, never an exception.</li>
 *   <li>A variable always names a field: no accepted expression selects the whole message, so two JSON objects
 *   without the fields it names give the same key.</li>
 *   <li>Expressions built from static text and variables evaluate to the text with each variable replaced by what
 *   Jackson selects ({@link JacksonSelectionOracle}), or to nothing when the message is not JSON.</li>
 * </ul>
 * The third found {@code ${request.body }}, which selected the whole message; the fourth fails when {@code \$} is
 * not read as a dollar (checked by breaking it).
 */
class SelectionExpressionProperties {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_OBJECT = "{\"\\u0000q\":[1,{\"r\":2}]}".getBytes(StandardCharsets.UTF_8);

    @Property(tries = 500)
    void anyStringParsesOrIsRefusedWithAMessage(@ForAll("expressions") String source,
                                                @ForAll("messages") byte[] message) {
        SelectionExpression expression;
        try {
            expression = SelectionExpression.parse(source);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(expression.source()).isEqualTo(source);
        assertThat(catchThrowable(() -> expression.evaluate(message))).isNull();
        assertThat(expression.evaluate(EMPTY_OBJECT)).as("a variable of %s selected the whole message", source)
                .isPresent().isEqualTo(expression.evaluate(OTHER_OBJECT));
    }

    @Property(tries = 200)
    void builtExpressionsSelectWhatJacksonSelects(@ForAll("parts") List<Object> parts,
                                                  @ForAll("messages") byte[] message) {
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Text text) {
                source.append(text.written());
            } else {
                String path = (String) parts.get(i);
                boolean followedByText = i + 1 < parts.size() && parts.get(i + 1) instanceof Text next
                        && !next.written().isEmpty() && pathChar(next.written().charAt(0));
                boolean bare = path.chars().allMatch(c -> pathChar((char) c)) && !followedByText;
                source.append(bare ? "$request.body" + path.substring(1) : "${request.body" + path.substring(1) + "}");
            }
        }
        Optional<String> expected = Optional.of("");
        for (Object part : parts) {
            Optional<String> value = part instanceof Text text ? Optional.of(text.value())
                    : JacksonSelectionOracle.select(message, JsonPath.parse((String) part));
            expected = expected.flatMap(so -> value.map(v -> so + v));
        }
        assertThat(SelectionExpression.parse(source.toString()).evaluate(message)).as(source.toString())
                .isEqualTo(expected);
    }

    /** Static text as written in an expression ({@code \$} for a dollar) and as it evaluates. */
    record Text(String written, String value) {
    }

    /**
     * Random strings of the expression syntax's pieces: free sequences of them, and sequences of static text and
     * variables whose insides ({@code request.body} and what follows) are random, so that most are nearly valid.
     */
    @Provide
    Arbitrary<String> expressions() {
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("$", "{", "}", "\\", "\\$", ".", "[", "]", "'", "\"", " ", "\t", "-", "/",
                        "0", "12", "999999999999", "a", "action", "body", "request", "*", "\u00e9", "\u0001")),
                Tuple.of(4, Arbitraries.of("$request.body", "${request.body", "request.body", "${", "$request",
                        "${request.header", "$context.x")),
                Tuple.of(1, ClientInputs.text(3)));
        Arbitrary<String> free = token.list().ofMaxSize(10).map(tokens -> String.join("", tokens));
        Arbitrary<String> tail = Arbitraries.of(".", "a", "action", "[", "]", "'", "\"", "0", "[1]", "['k y']", " ", "\t",
                "\u0001", "*", "..", "$", "{", "-", "\u00e9").list().ofMaxSize(4).map(t -> String.join("", t));
        Arbitrary<String> variable = Combinators.combine(Arbitraries.of("${", "$"),
                        Arbitraries.of("request.body", "request.body", "request.bod", "request.body.", " request.body"),
                        tail, Arbitraries.of("}", "}", ""))
                .as((open, body, rest, close) -> open + body + rest + (open.equals("${") ? close : ""));
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(3, variable), Tuple.of(2, token));
        Arbitrary<String> pieces = piece.list().ofMaxSize(4).map(p -> String.join("", p));
        return Arbitraries.oneOf(free, pieces);
    }

    /** Text and variables (JSONPaths of at least one step), at least one part. */
    @Provide
    Arbitrary<List<Object>> parts() {
        Arbitrary<Text> text = Arbitraries.frequencyOf(
                Tuple.of(4, ClientInputs.text(6).map(t -> t.replace("$", "").replace("\\", ""))
                        .map(t -> new Text(t, t))),
                Tuple.of(1, Arbitraries.of(new Text("\\$", "$"), new Text("\\$default", "$default"),
                        new Text("$1", "$1"), new Text("a\\b", "a\\b"))));
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(ClientInputs.KEYS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3));
        Arbitrary<String> step = Arbitraries.frequencyOf(
                Tuple.of(3, name.map(n -> n.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + n
                        : n.indexOf('\'') < 0 ? "['" + n + "']" : "[\"" + n + "\"]")),
                Tuple.of(1, Arbitraries.integers().between(0, 3).map(i -> "[" + i + "]")));
        Arbitrary<String> path = step.list().ofMinSize(1).ofMaxSize(3).map(s -> "$" + String.join("", s));
        Arbitrary<Object> part = Arbitraries.oneOf(text, path);
        return part.list().ofMinSize(1).ofMaxSize(4).map(list -> {
            List<Object> merged = new ArrayList<>(); // adjacent texts are one text, as the parser reads them
            for (Object p : list) {
                if (p instanceof Text t && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Text last) {
                    merged.set(merged.size() - 1, new Text(last.written() + t.written(), last.value() + t.value()));
                } else {
                    merged.add(p);
                }
            }
            if (merged.size() == 1 && merged.get(0) instanceof Text t && t.written().isEmpty()) {
                merged.set(0, new Text("x", "x"));
            }
            return merged;
        });
    }

    /** JSON documents, text that is not JSON, and arbitrary bytes. */
    @Provide
    Arbitrary<byte[]> messages() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, ClientInputs.jsonDocuments().map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(2, ClientInputs.text(20).map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40)));
    }

    private static boolean pathChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '[' || c == ']' || c == '\'' || c == '"';
    }
}
