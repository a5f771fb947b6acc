package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.TestGateway;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that asks for a large answer and never reads it would hold that answer in the gateway's memory for ever:
 * the connection is closed once its answer has made no progress for {@code handshake-timeout}. A client that reads
 * slowly gets all of it.
 */
class StalledResponseTest {
    private static final int SIZE = 24 * 1024 * 1024;
    @TempDir
    static Path site;
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        Files.write(site.resolve("big.bin"), new byte[SIZE]);
        gateway = TestGateway.start("""
                server:
                  handshake-timeout: 500ms
                  static: [{path: /files, dir: "%s"}]
                apis:
                  - {name: x, stage: x, routes: {$default: {integration: {type: mock, response-template: x}}}}
                """.formatted(site));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Socket request() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // so the kernel cannot take the whole answer for us
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", gateway.port()));
        socket.getOutputStream().write("GET /files/big.bin HTTP/1.1\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    @Test
    void aClientThatNeverReadsItsAnswerIsClosed() throws IOException {
        try (Socket socket = request()) {
            OutputStream out = socket.getOutputStream();
            // Whether the server is still there, without reading: once it closed, writing fails.
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                try {
                    out.write('\n');
                    out.flush();
                    return false;
                } catch (IOException e) {
                    return true;
                }
            });
        }
    }

    @Test
    void aSlowReaderGetsTheWholeAnswer() throws Exception {
        try (Socket socket = request()) {
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(10_000);
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            long headEnd = -1;
            StringBuilder head = new StringBuilder();
            while (headEnd < 0) {
                int b = in.read();
                head.append((char) b);
                if (head.toString().endsWith("\r\n\r\n")) {
                    headEnd = head.length();
                }
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 200");
            while (read < SIZE) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, SIZE - read));
                assertThat(n).isPositive();
                read += n;
                if (read % (4 * 1024 * 1024) < n) {
                    Thread.sleep(300); // a slow reader: pauses shorter than the timeout, then reads on
                }
            }
            assertThat(read).isEqualTo(SIZE);
        }
    }
}
