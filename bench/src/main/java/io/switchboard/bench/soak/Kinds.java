package io.switchboard.bench.soak;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.scenario.Payloads;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Short, bounded names for what went wrong, and the few things read from the gateway's frames. */
final class Kinds {

    private Kinds() {
    }

    /** Why a handshake failed: {@code handshake_timeout}, {@code handshake_http_503}, {@code handshake_refused}… */
    static String handshake(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException) {
            return "handshake_timeout";
        }
        if (t instanceof WebSocketClientHandshakeException w) {
            return w.response() != null ? "handshake_http_" + w.response().status().code() : "handshake_rejected";
        }
        if (t instanceof ConnectException) {
            return "handshake_refused";
        }
        if (t instanceof IllegalStateException) { // "connection closed before it was ready"
            return "handshake_closed";
        }
        if (t instanceof IOException) {
            return "handshake_io_error";
        }
        return "handshake_failed";
    }

    /** How an open connection ended: {@code close_1001} (the gateway's close frame), {@code reset}, {@code eof}. */
    static String close(ClientConnection c, String prefix) {
        if (c.closeCode() >= 0) {
            return prefix + "close_" + c.closeCode();
        }
        Throwable t = c.failure();
        if (t != null) {
            return prefix + (t instanceof IOException ? "reset" : "error_" + t.getClass().getSimpleName());
        }
        return prefix + "closed_without_close_frame";
    }

    /** Why an HTTP call failed. */
    static String http(String what, Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof TimeoutException) {
            return what + "_timeout";
        }
        if (t instanceof ClosedChannelException) {
            return what + "_connection_closed";
        }
        if (t instanceof HttpPool.QueueFull) {
            return what + "_queue_full";
        }
        if (t instanceof ConnectException) {
            return what + "_refused";
        }
        return what + "_failed";
    }

    /** The first {@code "connectionId":"…"} of a frame ({@code joined} names the member's own first). */
    static String connectionId(ByteBuf payload) {
        String text = payload.toString(StandardCharsets.UTF_8);
        int start = text.indexOf("\"connectionId\":\"");
        if (start < 0) {
            return null;
        }
        start += 16;
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }

    /**
     * An error the gateway or a handler sent instead of doing what was asked, or null for any other frame:
     * the gateway's {@code {"message":"Forbidden",…}} as {@code error_frame_forbidden}, a handler's
     * {@code {"type":"error",…}} as {@code error_frame_handler}.
     */
    static String errorFrame(ByteBuf payload) {
        if (Payloads.startsWith(payload, "{\"message\"")) {
            String text = payload.toString(StandardCharsets.UTF_8);
            int start = text.indexOf(':') + 1;
            while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '"')) {
                start++;
            }
            StringBuilder b = new StringBuilder("error_frame_");
            for (int i = start; i < text.length() && b.length() < 40; i++) {
                char ch = text.charAt(i);
                if (Character.isLetter(ch)) {
                    b.append(Character.toLowerCase(ch));
                } else if (ch == ' ') {
                    b.append('_');
                } else {
                    break;
                }
            }
            return b.toString();
        }
        if (Payloads.mentions(payload, "\"type\":\"error\"")) {
            return "error_frame_handler";
        }
        return null;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
