package io.switchboard.expr;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte-level scanner against the Jackson-based selection it replaced ({@link JacksonSelectionOracle}): the same
 * value, stringified the same way, and the same verdict on malformed JSON, for hand-picked edge cases and for
 * thousands of random documents and their random corruptions.
 */
class JsonBodyScannerTest {
    private static final List<String> PATHS = List.of("$.action", "$.a.b", "$.a", "$.items[1]", "$.items[0].id",
            "$['k y']", "$.\u00e9t\u00e9", "$.x[2][0]", "$.n");

    private static void same(String json, String path) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonPath p = JsonPath.parse(path);
        assertThat(JsonBodyScanner.select(bytes, p)).as("%s in %s", path, json)
                .isEqualTo(JacksonSelectionOracle.select(bytes, p));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"action\":\"join\"}", " {\"action\" : \"join\" } ", "{\"action\":\"a\",\"action\":\"b\"}",
        "{\"a\":{\"b\":1},\"a\":{\"c\":2}}", "{\"a\":{\"b\":[1,2.50,-0,1e5,1E+5,true,null,{\"q\":\"r\"}]}}",
        "{\"action\":null}", "{\"action\":[]}", "{\"action\":{}}", "{\"action\":\"\\u00e9\\n\\\"q\\\\\"}",
        "{\"act\\u0069on\":\"escaped key\"}", "{\"\u00e9t\u00e9\":\"summer\"}", "{\"k y\":1}",
        "{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}]}", "{\"x\":[[1],[2],[3,4]]}", "[1,2]", "\"s\"", "42", "true",
        "null", "{}", "[]", "{\"n\":01}", "{\"n\":1.}", "{\"n\":.5}", "{\"n\":-}", "{\"n\":+1}", "{\"n\":1e}",
        "{\"n\":NaN}", "{\"n\":tru}", "{\"n\":nul}", "{\"n\":\"\\x\"}", "{\"n\":\"\\u12\"}", "{\"n\":\"a\tb\"}",
        "{\"n\":1,}", "[1,]", "{,}", "{\"n\" 1}", "{\"n\":1}}", "{\"n\":1} x", "{'n':1}", "{n:1}", "{\"n\":[}",
        "", " ", "\ufeff{\"action\":\"bom\"}", "{\"action\":\"ping\"", "[[[[[[[[[[]]]]]]]]]]"
    })
    void edgeCasesAgreeWithJackson(String json) {
        for (String path : PATHS) {
            same(json, path);
        }
    }

    @Test
    void nestingLimitAgreesWithJackson() {
        for (int depth : new int[] {255, 256, 257, 300}) {
            same("[".repeat(depth) + "]".repeat(depth), "$.a");
            same("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}", "$.a");
            same("{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}", "$.b");
        }
    }

    @Test
    void numbersAreAtMostAThousandDigitsAsForJackson() {
        // Found by JsonBodyScannerProperties: a number over Jackson's 1000 digits was JSON to the scanner only.
        for (String number : List.of("9".repeat(1000), "9".repeat(1001), "-" + "9".repeat(1001),
                "0." + "9".repeat(999), "0." + "9".repeat(1000), "9".repeat(998) + "e5", "9".repeat(999) + "e5")) {
            for (String path : List.of("$", "$.action", "$.n")) {
                same("{\"action\":\"x\",\"n\":" + number + "}", path);
            }
        }
        assertThat(JsonBodyScanner.select(("{\"action\":\"x\",\"n\":" + "9".repeat(1001) + "}")
                .getBytes(StandardCharsets.UTF_8), JsonPath.parse("$.action"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // The first, shrunk, found by JsonBodyScannerProperties: a key whose escaped surrogate pair lost the backslash
        // of its first half. Jackson refuses an unpaired surrogate in a property name (not in a string value).
        "{\" uD83D\\uDE00\":\"\",\"action\":[]}", "{\"\\uDE00\":1}", "{\"\\uD800\":1}", "{\"a\\uD800b\":1}",
        "{\"\\uD800\\uD800\":1}", "{\"\\uD800\ud83d\ude00\":1}", "{\"action\":{\"\\uDC00\":1}}", "{\"\\uD83D\\uDE00\":1}",
        "{\"action\":\"\\uD800\"}", "{\"x\":[\"\\uDE00\"],\"action\":\"ok\"}"
    })
    void unpairedSurrogatesInNamesAgreeWithJackson(String json) {
        for (String path : PATHS) {
            same(json, path);
        }
        same(json, "$");
        same(json, "$.action.a");
    }

    @Test
    void randomDocumentsAndCorruptionsAgreeWithJackson() {
        Random random = new Random(20261123);
        for (int doc = 0; doc < 3000; doc++) {
            String json = randomObject(random, 0);
            for (String path : PATHS) {
                same(json, path);
            }
            for (int m = 0; m < 5; m++) {
                same(corrupt(json, random), PATHS.get(random.nextInt(PATHS.size())));
            }
        }
    }

    private static String corrupt(String json, Random random) {
        int at = random.nextInt(json.length() + 1);
        String noise = List.of("\"", ",", "}", "]", "{", "[", ":", " ", "x", "0", "\\", "-", ".", "e").get(
                random.nextInt(14));
        return switch (random.nextInt(3)) {
            case 0 -> json.substring(0, at); // truncated
            case 1 -> json.substring(0, at) + noise + json.substring(at); // something inserted
            default -> at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json + noise;
        };
    }

    private static String randomObject(Random r, int depth) {
        StringBuilder b = new StringBuilder("{");
        int n = r.nextInt(depth == 0 ? 6 : 4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(r.nextBoolean() ? "," : " , ");
            }
            String key = List.of("action", "a", "b", "items", "id", "k y", "\u00e9t\u00e9", "x", "n", "other").get(
                    r.nextInt(10));
            b.append('"').append(key).append("\":").append(randomValue(r, depth + 1));
        }
        return b.append('}').toString();
    }

    private static String randomValue(Random r, int depth) {
        int kind = depth > 4 ? r.nextInt(5) : r.nextInt(8);
        return switch (kind) {
            case 0 -> "\"" + List.of("join", "", "with \\\"quote\\\"", "\\u00e9\\n", "\u00fcber", "a/b\\/c").get(
                    r.nextInt(6)) + "\"";
            case 1 -> List.of("0", "-1", "2.50", "1e5", "-0.0E-3", "123456789012345678901234567890").get(r.nextInt(6));
            case 2 -> r.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> "\"s" + r.nextInt(100) + "\"";
            case 5, 6 -> {
                StringBuilder a = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.append(i > 0 ? "," : "").append(randomValue(r, depth + 1));
                }
                yield a.append(']').toString();
            }
            default -> randomObject(r, depth);
        };
    }
}
