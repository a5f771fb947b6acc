package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.auth.DevIssuer;
import io.switchboard.config.DevIssuerConfig;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code switchboard gen-token}: tokens the server's JWT authorizers accept, from the same key file. */
class GenTokenCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @Test
    void printsASignedTokenForTheUser(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.json");
        int exit = cli().execute("gen-token", "--sub", "alice", "--ttl", "2h", "--key-file", key.toString(),
                "--claim", "role=admin", "--claim", "n=3");
        assertThat(exit).as(err.toString()).isZero();
        SignedJWT jwt = SignedJWT.parse(out.toString().trim());
        ECKey publicKey = (ECKey) DevIssuer.load(new DevIssuerConfig(false, key, "switchboard-dev", "switchboard",
                java.time.Duration.ofHours(1), java.time.Duration.ofHours(24), false)).publicKeys().getKeys().get(0);
        assertThat(jwt.verify(new ECDSAVerifier(publicKey))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo("switchboard-dev");
        assertThat(claims.getAudience()).containsExactly("switchboard");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(7_200_000);
        assertThat(claims.getClaim("role")).isEqualTo("admin");
        assertThat(claims.getClaim("n")).isEqualTo(3L);
        assertThat(Files.getPosixFilePermissions(key)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void readsOnlyTheDevIssuerOfTheConfigurationNotItsOtherVariables(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                dev-issuer: {enabled: true, key-file: keys/dev.json, issuer: my-dev}
                management:
                  credentials:
                    - {access-key-id: AKIDPROD, secret-access-key: "${SWITCHBOARD_TEST_UNSET_SECRET}"}
                apis: []
                """);
        int exit = cli().execute("gen-token", "--sub", "alice", "--config", config.toString());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(SignedJWT.parse(out.toString().trim()).getJWTClaimsSet().getIssuer()).isEqualTo("my-dev");
        assertThat(dir.resolve("keys/dev.json")).as("relative to the configuration file").exists();
    }

    @Test
    void aServerWithTheSameKeyFileAcceptsTheToken(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                dev-issuer: {key-file: "%s"}
                apis:
                  - name: chat
                    stage: chat
                    authorizers: [{name: dev, type: jwt, dev-issuer: true}]
                    routes:
                      $connect: {authorizer: dev}
                      $default: {integration: {type: mock, response-template: 'hello $context.authorizer.principalId'}, route-response: true}
                """.formatted(dir.resolve("dev.json")));
        assertThat(cli().execute("gen-token", "--sub", "bob", "--config", config.toString())).as(err.toString())
                .isZero();
        String token = out.toString().trim();
        try (TestGateway gateway = TestGateway.start(Files.readString(config));
             TestWsClient client = TestWsClient.connect(gateway.ws("chat"), Map.of("Authorization", "Bearer " + token),
                     List.of())) {
            client.send("x");
            assertThat(client.next()).isEqualTo("hello bob");
        }
    }

    @Test
    void refusesLifetimesOverTheMaximumAndBadUserNames(@TempDir Path dir) {
        String key = dir.resolve("k.json").toString();
        assertThat(cli().execute("gen-token", "--sub", "alice", "--ttl", "40d", "--key-file", key)).isEqualTo(1);
        assertThat(cli().execute("gen-token", "--sub", "alice bob", "--key-file", key)).isEqualTo(1);
        assertThat(err.toString()).contains("Cannot make a token");
        assertThat(out.toString()).isEmpty();
    }
}
