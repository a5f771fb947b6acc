package io.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.bench.measure.Latency;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * HTTP/1.1 load on Netty: a number of kept-alive connections, each with one request outstanding; the next request
 * leaves when the previous answer arrives.
 */
public final class HttpLoad implements AutoCloseable {

    /** One request to send. */
    public record Call(HttpMethod method, String path, byte[] body, Map<String, String> headers) {
    }

    private final EventLoopGroup group;
    private final URI base;
    private final Supplier<Call> calls;
    private final LongAdder ok;
    private final LongAdder failed;
    private final Latency latency;
    private final AtomicBoolean running = new AtomicBoolean(true);

    public HttpLoad(URI base, int threads, Supplier<Call> calls, LongAdder ok, LongAdder failed, Latency latency) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.base = base;
        this.calls = calls;
        this.ok = ok;
        this.failed = failed;
        this.latency = latency;
    }

    /** Opens {@code connections} connections and starts each one's loop. */
    public void start(int connections) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                new Loop());
                    }
                });
        for (int i = 0; i < connections; i++) {
            Channel ch = b.connect(base.getHost(), WsClient.port(base)).sync().channel();
            ch.eventLoop().execute(() -> next(ch));
        }
    }

    private void next(Channel ch) {
        if (!running.get() || !ch.isActive()) {
            return;
        }
        Call call = calls.get();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, call.method(), call.path(),
                Unpooled.wrappedBuffer(call.body()));
        request.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + WsClient.port(base));
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, call.body().length);
        call.headers().forEach((k, v) -> request.headers().set(k, v));
        ch.attr(Loop.SENT).set(System.nanoTime());
        ch.writeAndFlush(request, ch.voidPromise());
    }

    private final class Loop extends SimpleChannelInboundHandler<FullHttpResponse> {
        static final io.netty.util.AttributeKey<Long> SENT = io.netty.util.AttributeKey.valueOf("sent");

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            latency.record(System.nanoTime() - ctx.channel().attr(SENT).get());
            if (response.status().code() / 100 == 2) {
                ok.increment();
            } else {
                failed.increment();
            }
            next(ctx.channel());
        }
    }

    @Override
    public void close() {
        running.set(false);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
