package io.switchboard.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.switchboard.testing.ClientInputs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link Redactor#uri}, which keeps the credentials that browsers must put in the query string ({@code ?token=…})
 * out of the access log, on the request targets clients send.
 *
 * <p>The query is read as the gateway reads it, with Netty's {@code QueryStringDecoder} (the upgrade's
 * {@code queryStringParameters}, identity sources): split at {@code &} <em>and</em> {@code ;}, {@code +} a space,
 * escapes decoded; and, where Netty would refuse a malformed escape, leniently, since the log still shows it.
 * <ul>
 *   <li>It never throws, whatever the URI.</li>
 *   <li>No parameter whose name (decoded) is credential-like ({@link Redactor#isSecretName}) keeps a value in the
 *   output: names such as {@code token}, {@code access_token}, {@code X-Amz-Signature}, {@code api_key}, in any
 *   case, partly percent-encoded, next to malformed escapes, after a {@code ;}.</li>
 *   <li>It keeps the path and every parameter's name, and the value of every other parameter whose value does not
 *   look like a credential.</li>
 * </ul>
 */
class RedactorProperties {

    @Property(tries = 500)
    void neverThrows(@ForAll("anyUris") String uri) {
        assertThat(catchThrowable(() -> Redactor.uri(uri))).isNull();
    }

    @Property(tries = 1000)
    void credentialValuesAreRedacted(@ForAll("requestTargets") String uri) {
        for (String[] parameter : parameters(Redactor.uri(uri))) {
            if (Redactor.isSecretName(parameter[0])) {
                assertThat(parameter[1]).as("%s in %s", parameter[0], uri).isIn("", Redactor.REDACTED);
            }
        }
    }

    @Property(tries = 500)
    void otherParametersAreKept(@ForAll("requestTargets") String uri) {
        String redacted = Redactor.uri(uri);
        assertThat(redacted).startsWith(uri.substring(0, uri.indexOf('?') + 1));
        List<String[]> before = parameters(uri);
        List<String[]> after = parameters(redacted);
        assertThat(after.stream().map(p -> p[0]).toList()).isEqualTo(before.stream().map(p -> p[0]).toList());
        for (int i = 0; i < before.size(); i++) {
            String[] p = before.get(i);
            if (!Redactor.isSecretName(p[0]) && !Redactor.isSecretValue(p[1])) {
                assertThat(after.get(i)[1]).as("%s in %s", p[0], uri).isEqualTo(p[1]);
            }
        }
    }

    // ---- generators

    /** A path, and a query of credentials and other parameters, spelled in the ways clients spell them. */
    @Provide
    Arbitrary<String> requestTargets() {
        Arbitrary<String> path = Arbitraries.of("/", "/production", "/s/@connections/x%3D", "/a%20b/c");
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("token", "access_token", "id_token", "Authorization", "X-Amz-Signature",
                        "X-Amz-Credential", "X-Amz-Security-Token", "password", "pwd", "api_key", "apiKey", "secret",
                        "client_secret", "sessionId", "jwt", "code", "ticket", "nonce", "sig", "key", "bearer")
                        .flatMap(RedactorProperties::spelled)),
                Tuple.of(3, Arbitraries.of("room", "user", "page", "q", "lang", "stage", "v", "limit", "name", "id")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars("-._~").ofMaxLength(10)),
                Tuple.of(2, ClientInputs.text(6).map(t -> percentEncode(t, false))),
                Tuple.of(1, Arbitraries.of("a+b", "%zz", "%", "100%", "%E2%82", "=x", "?x", "/x/y",
                        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
                        "0123456789abcdef0123456789abcdef")));
        Arbitrary<String> parameter = Combinators.combine(name, value, Arbitraries.of(true, true, true, false))
                .as((n, v, withValue) -> withValue ? n + "=" + v : n);
        Arbitrary<String> separator = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("&")),
                Tuple.of(2, Arbitraries.just(";")), Tuple.of(1, Arbitraries.just("&&")));
        Arbitrary<String> query = Combinators.combine(parameter.list().ofMinSize(1).ofMaxSize(5),
                        separator.list().ofSize(5))
                .as((parameters, separators) -> {
                    StringBuilder out = new StringBuilder(parameters.get(0));
                    for (int i = 1; i < parameters.size(); i++) {
                        out.append(separators.get(i)).append(parameters.get(i));
                    }
                    return out.toString();
                });
        return Combinators.combine(path, query).as((p, q) -> p + "?" + q);
    }

    /** Any text, with the query syntax's characters. */
    @Provide
    Arbitrary<String> anyUris() {
        Arbitrary<String> piece = Arbitraries.oneOf(ClientInputs.anyText(4),
                Arbitraries.of("?", "&", "=", ";", "#", "%", "%2", "%zz", "%41", "+", "token=", "/"));
        return piece.list().ofMaxSize(10).map(p -> String.join("", p));
    }

    /** A credential name in another spelling: letters in either case, some percent-encoded, a bad escape after. */
    private static Arbitrary<String> spelled(String name) {
        return Combinators.combine(Arbitraries.integers().between(0, 3).list().ofSize(name.length()),
                        Arbitraries.of("", "", "", "%zz", "%"))
                .as((choices, tail) -> {
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < name.length(); i++) {
                        char c = name.charAt(i);
                        switch (choices.get(i)) {
                            case 0, 1 -> out.append(c);
                            case 2 -> out.append(Character.isUpperCase(c) ? Character.toLowerCase(c)
                                    : Character.toUpperCase(c));
                            default -> out.append(percentEncode(String.valueOf(c), true));
                        }
                    }
                    return out + tail;
                });
    }

    private static String percentEncode(String text, boolean all) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (!all && (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append(String.format("%%%02X", c));
            }
        }
        return out.toString();
    }

    // ---- the query as the gateway reads it

    /**
     * The parameters of a request target as Netty's {@code QueryStringDecoder} reads them (after the first
     * {@code ?} and before {@code #}, split at {@code &} and {@code ;}, empty parts skipped), decoded leniently:
     * {@code +} is a space, valid escapes are decoded as UTF-8, malformed ones kept as they are.
     */
    static List<String[]> parameters(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return List.of();
        }
        int hash = uri.indexOf('#', q);
        String query = uri.substring(q + 1, hash < 0 ? uri.length() : hash);
        List<String[]> out = new ArrayList<>();
        for (String part : query.split("[&;]")) {
            if (!part.isEmpty()) {
                int eq = part.indexOf('=');
                out.add(new String[] {decode(eq < 0 ? part : part.substring(0, eq)),
                    eq < 0 ? "" : decode(part.substring(eq + 1))});
            }
        }
        return out;
    }

    private static String decode(String text) {
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) << 4 | hex(text.charAt(i + 2)));
                i += 2;
                continue;
            }
            out.append(bytes.toString(StandardCharsets.UTF_8)).append(c == '+' ? ' ' : c);
            bytes.reset();
        }
        return out.append(bytes.toString(StandardCharsets.UTF_8)).toString();
    }

    private static int hex(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
