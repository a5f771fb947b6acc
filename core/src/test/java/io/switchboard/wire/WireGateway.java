package io.switchboard.wire;

import io.switchboard.connections.Connection;
import io.switchboard.testing.TestGateway;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real gateway for one area of the suite, and the health check run after every case: a new WebSocket connection
 * gets its echo, {@code GET /healthz} answers 200, and no connection the case opened is still open in the gateway.
 */
final class WireGateway implements AutoCloseable {
    /** How long a connection may take to leave the gateway once its case is over (3 s of close linger, and slack). */
    static final Duration GONE = Duration.ofSeconds(8);
    private static final Pattern CONNECTIONS = Pattern.compile("\"connections\"\\s*:\\s*(\\d+)");

    private final TestGateway gateway;
    private final String echoStage;

    private WireGateway(TestGateway gateway, String echoStage) {
        this.gateway = gateway;
        this.echoStage = echoStage;
    }

    /** Starts a gateway from YAML; {@code echoStage} is a stage whose {@code $default} echoes text. */
    static WireGateway start(String yaml, String echoStage) {
        return new WireGateway(TestGateway.start(yaml), echoStage);
    }

    int port() {
        return gateway.port();
    }

    /** One raw request on a new connection. */
    HttpReply request(String raw) throws IOException {
        try (WireSocket socket = WireSocket.connect(port())) {
            return socket.write(raw).readHttpReply();
        }
    }

    /** The {@code connections} field of {@code GET /healthz}. */
    int healthzConnections() throws IOException {
        HttpReply health = request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        Matcher m = CONNECTIONS.matcher(health.bodyText());
        if (health.status() != 200 || !m.find()) {
            throw new AssertionError("GET /healthz: " + health);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Whether the gateway still has an open WebSocket connection from this client port. */
    boolean openFrom(int clientPort) {
        for (Connection connection : gateway.server().gateway().connections().all()) {
            SocketAddress remote = connection.channel().remoteAddress();
            if (remote instanceof InetSocketAddress inet && inet.getPort() == clientPort) {
                return true;
            }
        }
        return false;
    }

    /**
     * The check after a case. {@code baseline} ≥ 0 also requires the {@code /healthz} connection count back at it
     * (only meaningful when cases run one at a time).
     */
    void healthCheck(Collection<Integer> casePorts, int baseline) throws Exception {
        String text = "health check " + ThreadLocalRandom.current().nextLong();
        try (WireSocket ws = WireSocket.connect(port())) {
            ws.upgrade("/" + echoStage, port());
            ws.sendText(text);
            WireSocket.ServerFrame echo = ws.next();
            if (echo.opcode() != Frame.TEXT || !echo.text().equals(text)) {
                throw new AssertionError("a new connection got " + echo + " instead of its echo");
            }
            ws.send(Frame.close(1000, ""));
            WireSocket.Closed closed = ws.awaitClose();
            if (closed.code() != 1000) {
                throw new AssertionError("a new connection's close 1000 was answered with " + closed);
            }
            if (!ws.awaitEnd(WireSocket.TCP_END)) {
                throw new AssertionError("after a normal closing handshake the gateway did not end TCP");
            }
        } catch (IOException e) {
            throw new AssertionError("a new WebSocket connection failed: " + e, e);
        }
        HttpReply health = request("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        if (health.status() != 200 || !health.bodyText().contains("\"UP\"")) {
            throw new AssertionError("GET /healthz answered " + health);
        }
        for (int port : casePorts) {
            try {
                Awaitility.await().atMost(GONE).pollInterval(Duration.ofMillis(20)).until(() -> !openFrom(port));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("the case's connection from port " + port + " is still open in the "
                        + "gateway " + GONE.toSeconds() + " s after the case ended (leak)");
            }
        }
        if (baseline >= 0) {
            awaitConnectionCount(baseline);
        }
    }

    /** Waits until {@code /healthz} reports {@code expected} open connections. */
    void awaitConnectionCount(int expected) {
        try {
            Awaitility.await().atMost(GONE).pollInterval(Duration.ofMillis(20))
                    .until(() -> healthzConnections() == expected);
        } catch (ConditionTimeoutException e) {
            int now;
            try {
                now = healthzConnections();
            } catch (IOException io) {
                throw new AssertionError("GET /healthz failed: " + io, io);
            }
            throw new AssertionError("/healthz reports " + now + " open connections, " + GONE.toSeconds()
                    + " s later still not back to the baseline " + expected);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
