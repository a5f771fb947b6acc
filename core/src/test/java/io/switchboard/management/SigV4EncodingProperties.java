package io.switchboard.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.ClientInputs;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SigV4's URI encoding, with which the management API rebuilds the canonical path and query of every signed call and
 * decodes the path segments it routes on.
 *
 * <ul>
 *   <li>{@code encode} is the AWS SDK's ({@link SdkHttpUtils#urlEncode}) for any text, non-ASCII included, and
 *   {@code decode} undoes it, whatever the case of the hex digits.</li>
 *   <li>{@code decode} never throws, and leaves text without a valid escape ({@code %} and two ASCII hex digits)
 *   as it is, as documented: garbage, a lone {@code %}, {@code %zz}, and digits of other scripts, which
 *   {@link Character#digit(char, int)} would take for hex.</li>
 *   <li>The canonical paths: each segment of an encoded path encoded once more (the SDKs), or decoded and encoded
 *   once (single-encoding signers), which gives back the encoded path.</li>
 * </ul>
 */
class SigV4EncodingProperties {
    private static final Pattern VALID_ESCAPE = Pattern.compile("%[0-9A-Fa-f]{2}");

    @Property(tries = 500)
    void encodeIsTheSdksAndDecodeUndoesIt(@ForAll("text") String text, @ForAll boolean lowerCaseHex) {
        String encoded = SigV4Encoding.encode(text);
        assertThat(encoded).isEqualTo(SdkHttpUtils.urlEncode(text)).matches("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");
        String spelled = lowerCaseHex
                ? VALID_ESCAPE.matcher(encoded).replaceAll(m -> m.group().toLowerCase(Locale.ROOT)) : encoded;
        assertThat(SigV4Encoding.decode(spelled)).isEqualTo(text);
    }

    @Property(tries = 500)
    void decodeLeavesTextWithoutValidEscapesAsItIs(@ForAll("garbage") String text) {
        String decoded = SigV4Encoding.decode(text);
        if (!VALID_ESCAPE.matcher(text).find()) {
            assertThat(decoded).isEqualTo(text);
        }
    }

    @Property(tries = 300)
    void canonicalPathsOfAnEncodedPath(@ForAll @Size(min = 1, max = 5) List<@From("text") String> segments) {
        String raw = segments.stream().map(SdkHttpUtils::urlEncode).collect(Collectors.joining("/", "/", ""));
        String twice = segments.stream().map(s -> SdkHttpUtils.urlEncode(SdkHttpUtils.urlEncode(s)))
                .collect(Collectors.joining("/", "/", ""));
        assertThat(SigV4Encoding.encodePath(raw)).isEqualTo(twice);
        assertThat(SigV4Encoding.reencodePath(raw)).isEqualTo(raw);
    }

    /** Found by the property above (shrunk): Arabic-Indic digits were read as hex, and "%\u0663\u0663" as "3". */
    @Example
    void onlyAsciiHexDigitsMakeAnEscape() {
        assertThat(SigV4Encoding.decode("%\u0663\u0663")).isEqualTo("%\u0663\u0663");
        assertThat(SigV4Encoding.decode("%\uff41\uff42")).isEqualTo("%\uff41\uff42"); // fullwidth a and b
        assertThat(SigV4Encoding.decode("%3d%3D")).isEqualTo("==");
    }

    @Provide
    Arbitrary<String> text() {
        return ClientInputs.text(16);
    }

    /** Any text, with percent signs, near-escapes and other scripts' digits and letters. */
    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(3, ClientInputs.anyText(3)),
                Tuple.of(3, Arbitraries.of("%", "%%", "%2", "%zz", "%g0", "%0", "%C3", "%C3%", "%E2%82", "%ED%A0%80",
                        "%FF", "+", "%2B", "%41")),
                Tuple.of(2, Arbitraries.of("%\u0663\u0663", "%\uff10\uff21", "%\uff41b", "%\u0966\u0967",
                        "%\u00b2\u00b3", "%A\u0663")));
        return piece.list().ofMaxSize(6).map(p -> String.join("", p));
    }
}
