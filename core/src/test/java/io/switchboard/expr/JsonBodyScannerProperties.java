package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.json.Json;
import io.switchboard.json.JsonPath;
import io.switchboard.testing.ClientInputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import tools.jackson.databind.JsonNode;

/**
 * {@link JsonBodyScanner}, which reads the route key straight from the bytes of every client message, against the
 * Jackson streaming parser it replaced ({@link JacksonSelectionOracle}).
 *
 * <ul>
 *   <li>On well-formed documents (nested objects and arrays, duplicate keys, strings in every spelling: escapes,
 *   {@code \\u} escapes in either case, surrogate pairs raw or escaped, lone escaped surrogates; numbers in every
 *   form; whitespace anywhere) and paths that exist and paths that do not, the scanner accepts the document and
 *   selects exactly what Jackson selects, stringified the same way.</li>
 *   <li>On malformed documents (truncated, a byte replaced, a token inserted or removed, invalid UTF-8 inserted,
 *   nesting around the 256 limit, numbers longer than Jackson allows) it never throws and, for valid UTF-8, gives
 *   Jackson's verdict. Invalid UTF-8 only has to be survived: text frames are validated by the WebSocket layer
 *   and binary frames are never scanned ({@link StageApi#select}).</li>
 * </ul>
 * Documents stay under a few KB; a superlinear scan would show as a slow run, not as an assertion.
 */
class JsonBodyScannerProperties {

    @Property(tries = 300)
    void wellFormedDocumentsSelectWhatJacksonSelects(@ForAll("documents") String json,
                                                     @ForAll("paths") String randomPath,
                                                     @ForAll @Size(max = 4) List<@IntRange(max = 9) Integer> walk) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        for (String path : List.of(randomPath, existingPath(json, walk))) {
            JsonPath p = JsonPath.parse(path);
            Optional<String> scanned = JsonBodyScanner.select(bytes, p);
            assertThat(scanned).as("%s in %s", path, json).isPresent()
                    .isEqualTo(JacksonSelectionOracle.select(bytes, p));
        }
    }

    @Property(tries = 400)
    void malformedDocumentsNeverThrowAndGetJacksonsVerdict(@ForAll("malformed") byte[] message,
                                                           @ForAll("paths") String path) {
        JsonPath p = JsonPath.parse(path);
        Optional<String> scanned = JsonBodyScanner.select(message, p);
        if (ClientInputs.isUtf8(message)) {
            assertThat(scanned).as("%s in %s", path, new String(message, StandardCharsets.UTF_8))
                    .isEqualTo(JacksonSelectionOracle.select(message, p));
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return ClientInputs.jsonDocuments();
    }

    /** {@code $}, or up to four names (in dot or bracket form) and indexes, mostly from {@link ClientInputs#KEYS}. */
    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(ClientInputs.KEYS),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3));
        Arbitrary<String> segment = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(name, Arbitraries.of(true, false)).as(JsonBodyScannerProperties::step)),
                Tuple.of(1, Arbitraries.integers().between(0, 4).map(i -> "[" + i + "]")));
        return segment.list().ofMaxSize(4).map(steps -> "$" + String.join("", steps));
    }

    /**
     * Well-formed documents made malformed in one of the ways a broken or hostile client would: cut short, one byte
     * replaced, a token inserted, a character removed, invalid UTF-8 inserted, nested beyond (or just within) the
     * limit, or given a number longer than Jackson reads.
     */
    @Provide
    Arbitrary<byte[]> malformed() {
        Arbitrary<byte[]> doc = ClientInputs.jsonDocuments().map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<byte[]> truncated = Combinators.combine(doc, where)
                .as((d, w) -> Arrays.copyOf(d, (int) (w * d.length)));
        Arbitrary<byte[]> byteReplaced = Combinators.combine(doc, where, Arbitraries.integers().between(0, 255))
                .as((d, w, b) -> {
                    byte[] out = d.clone();
                    if (out.length > 0) {
                        out[Math.min(out.length - 1, (int) (w * out.length))] = (byte) (int) b;
                    }
                    return out;
                });
        Arbitrary<byte[]> inserted = Combinators.combine(doc, where, Arbitraries.of("{", "}", "[", "]", ",", ":",
                "\"", "\\", "-", ".", "e", "0", " ", "tru", "nul", "\u0000", "\u001f", "\\u12", "'", "NaN"))
                .as((d, w, token) -> splice(d, w, token.getBytes(StandardCharsets.UTF_8), 0));
        Arbitrary<byte[]> removed = Combinators.combine(doc, where).as((d, w) -> splice(d, w, new byte[0], 1));
        Arbitrary<byte[]> badUtf8 = Combinators.combine(doc, where, Arbitraries.of(new byte[] {(byte) 0x80},
                        new byte[] {(byte) 0xc0, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                        new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xff},
                        new byte[] {(byte) 0xe2, (byte) 0x82}))
                .as((d, w, bad) -> splice(d, w, bad, 0));
        Arbitrary<byte[]> deep = Combinators.combine(Arbitraries.oneOf(Arbitraries.integers().between(250, 262),
                        Arbitraries.just(3000)),
                        Arbitraries.of("[", "{\"a\":"), Arbitraries.of(0, 0, 1, -1))
                .as((depth, open, unbalanced) -> {
                    String close = open.equals("[") ? "]" : "}";
                    return (open.repeat(depth) + "1" + close.repeat(depth + unbalanced))
                            .getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<byte[]> longNumber = Combinators.combine(Arbitraries.integers().between(990, 1010),
                        Arbitraries.of("", "-", "0."), Arbitraries.of("", "e5"))
                .as((digits, prefix, suffix) -> ("{\"action\":\"x\",\"n\":" + prefix + "9".repeat(digits) + suffix
                        + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.frequencyOf(
                Tuple.of(3, truncated), Tuple.of(3, byteReplaced), Tuple.of(3, inserted), Tuple.of(2, removed),
                Tuple.of(2, badUtf8), Tuple.of(1, deep), Tuple.of(1, longNumber));
    }

    private static String step(String name, boolean dotted) {
        if (dotted && name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return "." + name;
        }
        char quote = name.indexOf('\'') < 0 ? '\'' : '"';
        return "[" + quote + name + quote + "]";
    }

    /** A path that exists in the document: from the root, child {@code walk[i]} (modulo the count) at each level. */
    private static String existingPath(String json, List<Integer> walk) {
        JsonNode node = Json.MAPPER.readTree(json);
        StringBuilder path = new StringBuilder("$");
        for (int choice : walk) {
            if (node.isObject() && !node.isEmpty()) {
                List<String> names = new ArrayList<>(node.propertyNames());
                String name = names.get(choice % names.size());
                path.append(step(name, choice % 2 == 0));
                node = node.get(name);
            } else if (node.isArray() && !node.isEmpty()) {
                int index = choice % node.size();
                path.append('[').append(index).append(']');
                node = node.get(index);
            } else {
                break;
            }
        }
        return path.toString();
    }

    private static byte[] splice(byte[] bytes, double where, byte[] insert, int remove) {
        if (bytes.length < remove) {
            return bytes;
        }
        int at = Math.min((int) (where * bytes.length), Math.max(0, bytes.length - remove));
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
