package io.switchboard.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of what clients send, shared by the property tests of the parsers: Unicode text, JSON documents
 * written in every legal spelling, and corruptions of them.
 *
 * <p>Sizes are kept to a few KB so that a property of a few hundred tries runs in about a second.
 */
public final class ClientInputs {

    /** Property names that paths are made of too, so that generated paths often exist. */
    public static final List<String> KEYS = List.of("action", "a", "b", "items", "id", "k y", "\u00e9t\u00e9", "x",
            "n", "", "\ud83d\ude00", "a.b", "0", "it's");

    private static final List<String> WHITESPACE = List.of("", "", "", " ", "\n", "\t", "\r\n", "   ");

    private ClientInputs() {
    }

    /**
     * Unicode text without lone surrogates: ASCII (controls, quotes and backslashes included), Latin-1, other BMP
     * characters and characters outside the BMP (surrogate pairs in Java).
     */
    public static Arbitrary<String> text(int maxLength) {
        return codePoints().list().ofMaxSize(maxLength).map(ClientInputs::fromCodePoints);
    }

    /** Any Java string, lone surrogates included. */
    public static Arbitrary<String> anyText(int maxLength) {
        Arbitrary<Integer> chars = Arbitraries.frequencyOf(
                Tuple.of(6, codePoints()),
                Tuple.of(1, Arbitraries.integers().between(0xD800, 0xDFFF)));
        return chars.list().ofMaxSize(maxLength).map(ClientInputs::fromCodePoints);
    }

    /** Single code points, weighted towards the characters parsers treat specially. */
    public static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0x20, 0x7e)),
                Tuple.of(2, Arbitraries.of((int) '"', (int) '\\', (int) '/', (int) '\'', (int) '%', (int) '&',
                        (int) '=', (int) '+', (int) '$', (int) '{', (int) '}', (int) '.', (int) '[', (int) ']')),
                Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
                Tuple.of(1, Arbitraries.integers().between(0x7f, 0xff)),
                Tuple.of(1, Arbitraries.integers().between(0x100, 0xd7ff)),
                Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
                Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10ffff)));
    }

    /** Whitespace as JSON allows it between tokens (often none). */
    public static Arbitrary<String> jsonSpace() {
        return Arbitraries.of(WHITESPACE);
    }

    /** A well-formed JSON document: usually an object, sometimes an array or a scalar, with whitespace around. */
    public static Arbitrary<String> jsonDocuments() {
        Arbitrary<String> root = Arbitraries.frequencyOf(
                Tuple.of(8, jsonObject(jsonValue(3))),
                Tuple.of(1, jsonArray(jsonValue(3))),
                Tuple.of(1, jsonScalar()));
        return Combinators.combine(jsonSpace(), root, jsonSpace()).as((a, v, b) -> a + v + b);
    }

    /** A JSON value nested at most {@code depth} levels. */
    public static Arbitrary<String> jsonValue(int depth) {
        if (depth == 0) {
            return jsonScalar();
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> jsonValue(depth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(4, jsonScalar()),
                Tuple.of(2, jsonArray(inner)),
                Tuple.of(3, jsonObject(inner)));
    }

    /** An object of up to five members, keys from {@link #KEYS} (duplicates included) in any legal spelling. */
    public static Arbitrary<String> jsonObject(Arbitrary<String> values) {
        Arbitrary<String> member = Combinators.combine(jsonKey(), jsonSpace(), jsonSpace(), values, jsonSpace())
                .as((key, s1, s2, value, s3) -> key + s1 + ":" + s2 + value + s3);
        return Combinators.combine(member.list().ofMaxSize(5), jsonSpace())
                .as((members, space) -> "{" + space + String.join("," + space, members) + "}");
    }

    /** An array of up to four values. */
    public static Arbitrary<String> jsonArray(Arbitrary<String> values) {
        Arbitrary<String> item = Combinators.combine(jsonSpace(), values, jsonSpace()).as((a, v, b) -> a + v + b);
        return item.list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    }

    /** A key of {@link #KEYS}, spelled as a JSON string literal. */
    public static Arbitrary<String> jsonKey() {
        return Arbitraries.of(KEYS).flatMap(ClientInputs::jsonString);
    }

    /** A string, number, boolean or null. */
    public static Arbitrary<String> jsonScalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.oneOf(text(12), Arbitraries.of(KEYS)).flatMap(ClientInputs::jsonString)),
                Tuple.of(1, Arbitraries.of("\"\\ud800\"", "\"\\uDC00x\"", "\"\\uDBFF\\uDFFF\"")), // lone/paired escapes
                Tuple.of(3, jsonNumber()),
                Tuple.of(1, Arbitraries.of("true", "false", "null")));
    }

    /**
     * {@code value} as a JSON string literal, each character written as itself or escaped ({@code \\uXXXX} in upper
     * or lower case, or the short escapes), except those that must be escaped.
     */
    public static Arbitrary<String> jsonString(String value) {
        int[] codePoints = value.codePoints().toArray();
        return Arbitraries.integers().between(0, 3).list().ofSize(codePoints.length).map(choices -> {
            StringBuilder out = new StringBuilder(value.length() * 2 + 2).append('"');
            for (int i = 0; i < codePoints.length; i++) {
                int c = codePoints[i];
                int choice = choices.get(i);
                boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
                if (!mustEscape && choice < 2) {
                    out.appendCodePoint(c);
                } else if (choice == 3 && shortEscape(c) != null) {
                    out.append(shortEscape(c));
                } else {
                    for (char unit : Character.toChars(c)) { // a surrogate pair is escaped as two escapes
                        String hex = String.format("%04x", (int) unit);
                        out.append("\\u").append(choice % 2 == 0 ? hex.toUpperCase(Locale.ROOT) : hex);
                    }
                }
            }
            return out.append('"').toString();
        });
    }

    private static String shortEscape(int c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
    }

    /** A number in every form RFC 8259 allows: sign, zero or digits, fraction, exponent; sometimes very long. */
    public static Arbitrary<String> jsonNumber() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25);
        Arbitrary<String> integer = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just("0")),
                Tuple.of(6, Combinators.combine(Arbitraries.integers().between(1, 9), digits.injectNull(0.5))
                        .as((first, rest) -> first + (rest == null ? "" : rest))),
                Tuple.of(1, Arbitraries.integers().between(1, 9).map(first -> first + "7".repeat(400))));
        Arbitrary<String> fraction = digits.map(d -> "." + d).injectNull(0.6);
        Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6)).as((e, s, d) -> e + s + d)
                .injectNull(0.7);
        return Combinators.combine(Arbitraries.of("", "", "-"), integer, fraction, exponent)
                .as((sign, i, f, e) -> sign + i + (f == null ? "" : f) + (e == null ? "" : e));
    }

    /** Whether the bytes are well-formed UTF-8 (no surrogates, no overlong forms). */
    public static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder out = new StringBuilder(codePoints.size() + 8);
        codePoints.forEach(out::appendCodePoint);
        return out.toString();
    }
}
