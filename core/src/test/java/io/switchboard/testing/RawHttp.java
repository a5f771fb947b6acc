package io.switchboard.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP at the byte level, for requests a real client library refuses to send, and for telling an answered and
 * closed connection from one the server left hanging.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * What came back for a request.
     *
     * @param response        everything the server sent, as ISO-8859-1 text
     * @param closedByServer  whether the server ended the TCP connection before the deadline
     */
    public record Exchange(String response, boolean closedByServer) {
        /** The status code of the first response line, or 0 when there is none. */
        public int status() {
            if (!response.startsWith("HTTP/1.")) {
                return 0;
            }
            int space = response.indexOf(' ');
            return Integer.parseInt(response.substring(space + 1, space + 4));
        }
    }

    /** Sends {@code request} on a new connection and reads until the server closes it or {@code deadline} passes. */
    public static Exchange exchange(int port, String request, Duration deadline) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), deadline);
    }

    /** Sends raw bytes on a new connection and reads until the server closes it or {@code deadline} passes. */
    public static Exchange exchange(int port, byte[] request, Duration deadline) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return readUntilClosed(socket, deadline);
        }
    }

    /** Reads what the server sends until it closes the connection or {@code deadline} passes. */
    public static Exchange readUntilClosed(Socket socket, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), false);
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return new Exchange(received.toString(StandardCharsets.ISO_8859_1), true);
                }
                received.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), false);
            } catch (IOException e) { // a reset after the answer: closed all the same
                return new Exchange(received.toString(StandardCharsets.ISO_8859_1), true);
            }
        }
    }
}
