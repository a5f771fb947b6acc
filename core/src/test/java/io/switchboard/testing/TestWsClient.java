package io.switchboard.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (the JDK's) for tests: collects text and binary messages and the close code, and reports
 * the HTTP status of a refused upgrade.
 */
public final class TestWsClient implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(10);

    /** How the server closed (or the client saw the connection end). */
    public record Closed(int code, String reason) {
    }

    private final WebSocket socket;
    private final BlockingQueue<Object> messages;
    private final CompletableFuture<Closed> closed;

    private TestWsClient(WebSocket socket, BlockingQueue<Object> messages, CompletableFuture<Closed> closed) {
        this.socket = socket;
        this.messages = messages;
        this.closed = closed;
    }

    public static TestWsClient connect(URI uri) {
        return connect(uri, Map.of(), List.of());
    }

    public static TestWsClient connect(URI uri, Map<String, String> headers, List<String> subprotocols) {
        return connect(HttpClient.newHttpClient(), uri, headers, subprotocols);
    }

    /** Connects with a given HTTP client (one that trusts a test certificate, for example). */
    public static TestWsClient connect(HttpClient http, URI uri, Map<String, String> headers,
                                       List<String> subprotocols) {
        BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        CompletableFuture<Closed> closed = new CompletableFuture<>();
        WebSocket.Builder builder = http.newWebSocketBuilder()
                .connectTimeout(WAIT);
        headers.forEach(builder::header);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size())
                    .toArray(String[]::new));
        }
        WebSocket socket = builder.buildAsync(uri, new Listener(messages, closed))
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        return new TestWsClient(socket, messages, closed);
    }

    /** The HTTP status the server refused the upgrade with; fails if the upgrade succeeded. */
    public static int refusedStatus(URI uri, Map<String, String> headers) {
        try (TestWsClient client = connect(uri, headers, List.of())) {
            throw new AssertionError("the upgrade was accepted: " + client);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public TestWsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Sends one message as several frames (a fragmented message). */
    public TestWsClient sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
        return this;
    }

    public TestWsClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    public TestWsClient ping(byte[] data) {
        socket.sendPing(ByteBuffer.wrap(data)).join();
        return this;
    }

    /** The next text message; fails after {@link #WAIT}. */
    public String next() {
        return next(WAIT);
    }

    public String next(Duration wait) {
        Object message = poll(wait);
        if (message instanceof String text) {
            return text;
        }
        throw new AssertionError("expected a text message, got " + describe(message));
    }

    /** The next text message if one arrives within {@code wait}, else empty (for draining under traffic). */
    public java.util.Optional<String> nextWithin(Duration wait) {
        Object message;
        try {
            message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (message == null) {
            return java.util.Optional.empty();
        }
        if (message instanceof String text) {
            return java.util.Optional.of(text);
        }
        throw new AssertionError("expected a text message, got " + describe(message));
    }

    /** The next binary message. */
    public byte[] nextBinary() {
        Object message = poll(WAIT);
        if (message instanceof byte[] data) {
            return data;
        }
        throw new AssertionError("expected a binary message, got " + describe(message));
    }

    /** Asserts that no message arrives within {@code quiet}. */
    public void expectNothing(Duration quiet) {
        Object message;
        try {
            message = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (message != null) {
            throw new AssertionError("expected no message, got " + describe(message));
        }
    }

    /** Waits for the connection to close and returns the code and reason. */
    public Closed awaitClose() {
        return awaitClose(WAIT);
    }

    public Closed awaitClose(Duration wait) {
        try {
            return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the connection did not close within " + wait);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** Closes from the client side with a code and reason. */
    public void close(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }

    private Object poll(Duration wait) {
        try {
            Object message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                throw new AssertionError("no message within " + wait + (closed.isDone() ? "; closed: "
                        + closed.join() : ""));
            }
            return message;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(Object message) {
        return message instanceof byte[] data ? data.length + " binary bytes" : String.valueOf(message);
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Object> messages;
        private final CompletableFuture<Closed> closed;
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        Listener(BlockingQueue<Object> messages, CompletableFuture<Closed> closed) {
            this.messages = messages;
            this.closed = closed;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                messages.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Closed(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(new Closed(1006, String.valueOf(error)));
        }
    }
}
