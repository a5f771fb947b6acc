package io.switchboard.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.switchboard.config.ServerConfig;
import java.util.Optional;

/**
 * Assembles the pipeline of a new connection for its HTTP phase:
 * <pre>
 *   [tls] → flush consolidation → HTTP codec (request-line and header limits) → aggregator → request timeout
 *         → pipelining order → HttpRouter
 * </pre>
 * A WebSocket upgrade replaces the HTTP part (see {@link WebSocketPipeline}).
 */
final class ServerInitializer extends ChannelInitializer<SocketChannel> {
    /** Largest HTTP request body accepted: room for a 128 KB message posted to the management API, and more. */
    static final int MAX_REQUEST_BODY = 1024 * 1024;
    /** The name of the first handler after TLS. */
    static final String FLUSH = "flush";
    /** Most flushes merged into one before writing anyway. */
    private static final int FLUSH_AFTER = 256;

    private final Served served;
    private final Optional<SslContext> tls;
    private final int maxRequestBody;

    ServerInitializer(Served served, Optional<SslContext> tls) {
        this.served = served;
        this.tls = tls;
        // A posted message may be as large as the largest API's message limit; the management API then says 413.
        this.maxRequestBody = Math.max(MAX_REQUEST_BODY, served.largestMessageBytes() + 1);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ServerConfig server = served.server();
        ChannelPipeline p = channel.pipeline();
        tls.ifPresent(context -> p.addLast("tls", new TlsOnly(context)));
        // Answers written while a read batch is processed go out in one flush at the batch's end, not one syscall each.
        // Flushes outside a read (fan-outs, answers of function handlers) go at once: they are batched where made.
        p.addLast(FLUSH, new FlushConsolidationHandler(FLUSH_AFTER, false));
        p.addLast("http-codec", new HttpServerCodec(server.maxInitialLine(), server.maxHeaderSize(), 8192));
        p.addLast("http-aggregator", new RequestAggregator(maxRequestBody));
        p.addLast("http-timeout", new RequestTimeoutHandler(server.handshakeTimeout()));
        p.addLast("http-order", new HttpPipelining());
        p.addLast("http-router", new HttpRouter(served));
    }
}
