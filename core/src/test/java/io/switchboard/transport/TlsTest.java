package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.CapturedLogs;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code wss://} and {@code https://} from PEM files. */
class TlsTest {
    private static final Path TLS = Path.of("src/test/resources/tls").toAbsolutePath();

    private static HttpClient trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(TLS.resolve("server.crt"))) {
            trust.setCertificateEntry("test", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    /** A gateway on TLS whose {@code ping} answers the domain name it was reached by. */
    private static TestGateway secure() {
        return TestGateway.start("""
                server:
                  tls: {certificate: "${TLS}/server.crt", private-key: "${TLS}/server.key"}
                apis:
                  - name: secure
                    stage: secure
                    routes:
                      ping: {integration: {type: mock, response-template: '$context.domainName'}, route-response: true}
                """, Map.of("TLS", TLS.toString()));
    }

    @Test
    void servesWssAndHttpsWithTheConfiguredCertificate() throws Exception {
        try (TestGateway gw = secure()) {
            HttpClient client = trusting();
            URI wss = URI.create("wss://localhost:" + gw.port() + "/secure");
            try (TestWsClient ws = TestWsClient.connect(client, wss, Map.of(), List.of())) {
                ws.send("{\"action\":\"ping\"}");
                assertThat(ws.next()).isEqualTo("localhost:" + gw.port());
            }
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + gw.port() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(gw.server().webSocketUri("secure").getScheme()).isEqualTo("wss");
        }
    }

    @Test
    void plainHttpToTheTlsPortIsTurnedAwayWithOneLineAndNoStackTrace() throws Exception {
        try (TestGateway gw = secure(); CapturedLogs logs = CapturedLogs.start()) {
            String answer = RawWebSocket.httpExchange(gw.port(),
                    "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).startsWith("HTTP/1.1 400").contains("use https:// or wss://").doesNotContain("UP");
            Awaitility.await().until(() -> !logs.containing("plain HTTP").isEmpty());
            assertThat(logs.events()).allSatisfy(e -> assertThat(e.getThrowableProxy()).as(e.getFormattedMessage())
                    .isNull());
            assertThat(logs.warnings()).isEmpty();
        }
    }
}
