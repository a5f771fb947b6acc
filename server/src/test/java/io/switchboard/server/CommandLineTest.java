package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestWsClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code switchboard} command line: start with and without a configuration, check-config, help. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine cli() {
        return Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }

    @Test
    void startWithoutConfigServesTheExamplesUntilStopped() {
        CommandLine cli = cli();
        StartCommand start = cli.getSubcommands().get("start").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cli.execute("start", "--port", "0", "--host", "127.0.0.1"));
        var server = Awaitility.await().atMost(Duration.ofSeconds(20)).until(start::running,
                java.util.Optional::isPresent).orElseThrow();
        try (TestWsClient client = TestWsClient.connect(server.webSocketUri("production"))) {
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next()).startsWith("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\"");
            start.stop();
            assertThat(client.awaitClose().code()).isEqualTo(1001);
        }
        assertThat(exit.join()).isZero();
    }

    @Test
    void theExamplesRefuseToHandOutTokensOnEveryInterfaceAndSayWhatToDo() {
        assertThat(cli().execute("start", "--port", "0", "--host", "0.0.0.0")).isEqualTo(1);
        assertThat(err.toString()).contains("dev-issuer.enabled: the development issuer hands out tokens for any user")
                .contains("server.host is 0.0.0.0").contains(ConfigSource.DEV_ISSUER_ANYWHERE + "=true");
    }

    @Test
    void startWithABrokenConfigExplainsAndFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apis:\n  - name: a\n    stage: s\n    routes: {x: {integration: {type: magic}}}\n");
        assertThat(cli().execute("start", "--config", file.toString(), "--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("apis[0].routes.x.integration.type");
    }

    @Test
    void checkConfigReportsEveryProblemWithItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, """
                server: {port: 99999, colour: blue}
                apis:
                  - name: demo
                    stage: production
                    routes:
                      ping: {integration: {type: function, handler: com.example.Missing}}
                      echo: {integration: {type: mock, response-template: '#end'}}
                """);
        assertThat(cli().execute("check-config", file.toString())).isEqualTo(1);
        assertThat(err.toString())
                .contains("4 problems")
                .contains("server.port: must be between 0 and 65535")
                .contains("server.colour: unknown key")
                .contains("apis[0].routes.echo.integration.response-template: template syntax error")
                .contains("apis[0].routes.ping.integration.handler: class com.example.Missing cannot be loaded");
    }

    @Test
    void checkConfigAcceptsTheBundledExamples(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("examples.yaml");
        try (var in = CommandLineTest.class.getResourceAsStream(ConfigSource.EXAMPLES)) {
            Files.write(file, in.readAllBytes());
        }
        assertThat(cli().execute("check-config", file.toString())).isZero();
        assertThat(out.toString()).containsPattern("is valid: \\d+ APIs, \\d+ routes").contains("/production")
                .contains("/videochat");
    }

    @Test
    void aRedisUriWithSeveralHostsNamesAClustersSeeds() throws Exception {
        int[] closed = new int[2];
        for (int i = 0; i < 2; i++) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closed[i] = s.getLocalPort();
            }
        }
        String seeds = "redis://127.0.0.1:" + closed[0] + ",127.0.0.1:" + closed[1];
        assertThat(cli().execute("start", "--port", "0", "--engine", "redis", "--redis-uri", seeds)).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach Redis at " + seeds + " (cluster)")
                .doesNotContain("set cluster: true");
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(cli().execute("--help")).isZero();
        assertThat(cli().execute("start", "--help")).isZero();
        assertThat(cli().execute("check-config", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: switchboard start").contains("--config=FILE").contains("--port=N")
                .contains("Usage: switchboard check-config");
        assertThat(cli().execute("check-config")).isEqualTo(2);
    }
}
