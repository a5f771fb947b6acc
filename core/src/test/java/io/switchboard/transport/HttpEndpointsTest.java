package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.HeldDisconnectHandler;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the listener answers to plain HTTP: health, stages, unknown paths, bad and oversized requests. */
class HttpEndpointsTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                server: {handshake-timeout: 500ms, max-header-size: 2KB}
                apis:
                  - name: web
                    stage: production
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                """);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static String exchange(String request) throws IOException {
        return RawWebSocket.httpExchange(gateway.port(), request);
    }

    @Test
    void healthReportsUp() {
        HttpResponse<String> health = gateway.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readinessIsReadyWhileServing() {
        HttpResponse<String> ready = gateway.get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"READY\"}");
    }

    @Test
    void aDrainingNodeIsNotReadyButStillHealthy() throws Exception {
        HeldDisconnectHandler.hold();
        TestGateway draining = TestGateway.start("""
                apis:
                  - name: web
                    stage: production
                    routes:
                      $disconnect: {integration: {type: function, handler: io.switchboard.testing.HeldDisconnectHandler}}
                """);
        Thread closing = null;
        try (TestWsClient client = draining.connect("production");
             Socket kept = new Socket("127.0.0.1", draining.port())) {
            OutputStream out = kept.getOutputStream();
            InputStream in = kept.getInputStream();
            out.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readSome(in)).startsWith("HTTP/1.1 200");
            closing = new Thread(draining::close, "closing");
            closing.start(); // waits for the held $disconnect: the node drains
            Awaitility.await().until(client::isClosed);
            out.write("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readSome(in)).startsWith("HTTP/1.1 503").contains("\"reasons\":[\"draining\"]");
            out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readSome(in)).startsWith("HTTP/1.1 200");
        } finally {
            HeldDisconnectHandler.release();
            if (closing != null) {
                closing.join(10_000);
            }
        }
    }

    /** One response of a kept-alive connection (small enough to come in one read). */
    private static String readSome(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void unknownPathsAre404() {
        assertThat(gateway.get("/nope").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/production/deeper").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/").statusCode()).isEqualTo(404);
    }

    @Test
    void aPlainGetOnAStageIs426() {
        HttpResponse<String> response = gateway.get("/production");
        assertThat(response.statusCode()).isEqualTo(426);
        assertThat(response.headers().firstValue("Upgrade")).contains("websocket");
    }

    @Test
    void otherMethodsOnAStageAre405() throws IOException {
        assertThat(exchange("POST /production HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405");
    }

    @Test
    void aTrailingSlashReachesTheStage() {
        try (TestWsClient client = gateway.connect("production/")) {
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next()).isEqualTo("pong");
        }
    }

    @Test
    void malformedHandshakesAre400And426() throws IOException {
        String base = "GET /production HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
        assertThat(exchange(base + "Sec-WebSocket-Version: 13\r\n\r\n")).startsWith("HTTP/1.1 400");
        assertThat(exchange(base + "Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"))
                .startsWith("HTTP/1.1 426").contains("sec-websocket-version: 13");
        assertThat(exchange("GET /production HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"))
                .startsWith("HTTP/1.1 400");
    }

    @Test
    void oversizedRequestLinesAndHeadersAreRefused() throws IOException {
        assertThat(exchange("GET /production?" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 414");
        assertThat(exchange("GET /production HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(3000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431");
        assertThat(exchange("NOT A REQUEST\r\n\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void aClientTooSlowToSendItsRequestIsDisconnected() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /production HTTP/1.1\r\nHost: x\r\n".getBytes()); // never finishes its headers
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(in.read()).isEqualTo(-1); // closed by the server, well before the 5 s read timeout
        }
    }

    @Test
    void keepAliveServesSeveralRequestsOnOneConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                out.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                out.flush();
                byte[] buffer = new byte[1024];
                int n = in.read(buffer);
                assertThat(new String(buffer, 0, n)).startsWith("HTTP/1.1 200");
            }
        }
    }
}
