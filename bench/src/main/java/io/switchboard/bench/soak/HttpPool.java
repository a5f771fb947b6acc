package io.switchboard.bench.soak;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.switchboard.bench.client.Signer;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Signed HTTP/1.1 calls to the gateway's management API on a few kept-alive connections, all on one event loop: a
 * call waits in a bounded queue for a free connection (opening another, up to a maximum, when none is free), and
 * fails with a {@link TimeoutException} when it has not been answered within the deadline, counted from when it was
 * asked for. A connection whose call timed out is closed, so a late answer cannot be taken for the next call's.
 */
final class HttpPool implements AutoCloseable {
    /** The call could not even wait: the queue is full (the gateway is far behind). */
    static final class QueueFull extends RuntimeException {
        QueueFull() {
            super("HTTP queue full", null, false, false);
        }
    }

    private static final AttributeKey<Call> CURRENT = AttributeKey.valueOf("soak-call");
    private static final int MAX_QUEUED = 10_000;

    private record Call(HttpMethod method, String path, byte[] body, long deadline, CompletableFuture<Integer> reply) {
    }

    private final EventLoop loop;
    private final URI base;
    private final Signer signer;
    private final int maxConnections;
    private final long timeoutNanos;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private final ScheduledFuture<?> sweeper;
    private int connections;
    private long connectBackoffUntil;

    HttpPool(EventLoop loop, URI base, Signer signer, int maxConnections, long timeoutMillis) {
        this.loop = loop;
        this.base = base;
        this.signer = signer;
        this.maxConnections = maxConnections;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), new Answer());
                    }
                });
        this.sweeper = loop.scheduleAtFixedRate(this::sweep, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Sends a call signed with SigV4; completes with the status code, on this pool's loop. Any thread. */
    CompletableFuture<Integer> send(HttpMethod method, String path, byte[] body) {
        CompletableFuture<Integer> reply = new CompletableFuture<>();
        Call call = new Call(method, path, body, System.nanoTime() + timeoutNanos, reply);
        loop.execute(() -> {
            if (queue.size() >= MAX_QUEUED) {
                reply.completeExceptionally(new QueueFull());
                return;
            }
            queue.add(call);
            pump();
        });
        return reply;
    }

    private void pump() {
        while (!queue.isEmpty()) {
            Channel ch = idle.poll();
            if (ch == null) {
                if (connections < maxConnections && System.nanoTime() >= connectBackoffUntil) {
                    open();
                }
                return;
            }
            if (ch.isActive()) {
                dispatch(ch, queue.poll());
            }
        }
    }

    private void open() {
        connections++;
        bootstrap.connect(base.getHost(), base.getPort()).addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
                idle.add(ch);
            } else {
                connections--;
                connectBackoffUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
            pump();
        });
    }

    private void dispatch(Channel ch, Call call) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, call.method(), call.path(),
                Unpooled.wrappedBuffer(call.body()));
        request.headers().set(HttpHeaderNames.HOST, base.getHost() + ":" + base.getPort());
        request.headers().set(HttpHeaderNames.CONTENT_LENGTH, call.body().length);
        for (Map.Entry<String, String> h : signer.headers(call.method().name(), base.resolve(call.path()),
                call.body()).entrySet()) {
            request.headers().set(h.getKey(), h.getValue());
        }
        ch.attr(CURRENT).set(call);
        ScheduledFuture<?> deadline = loop.schedule(() -> {
            if (ch.attr(CURRENT).compareAndSet(call, null)) {
                call.reply().completeExceptionally(new TimeoutException("no answer within the deadline"));
                ch.close();
            }
        }, Math.max(0, call.deadline() - System.nanoTime()), TimeUnit.NANOSECONDS);
        call.reply().whenComplete((status, e) -> deadline.cancel(false));
        ch.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                ch.close();
            }
        });
    }

    /** Fails calls past their deadline, waiting or sent; a connection whose call timed out is closed. */
    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<Call> it = queue.iterator(); it.hasNext(); ) {
            Call c = it.next();
            if (now - c.deadline() > 0) {
                it.remove();
                c.reply().completeExceptionally(new TimeoutException("not sent within the deadline"));
            }
        }
        pump();
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Call call = ctx.channel().attr(CURRENT).getAndSet(null);
            if (call == null) {
                ctx.close(); // an answer nobody waits for
                return;
            }
            call.reply().complete(response.status().code());
            if (HttpUtil.isKeepAlive(response)) {
                idle.add(ctx.channel());
            } else {
                ctx.close();
            }
            pump();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections--;
            idle.remove(ctx.channel());
            Call call = ctx.channel().attr(CURRENT).getAndSet(null);
            if (call != null) {
                call.reply().completeExceptionally(new ClosedChannelException());
            }
            pump();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
        loop.execute(() -> {
            idle.forEach(Channel::close);
            for (Call c = queue.poll(); c != null; c = queue.poll()) {
                c.reply().completeExceptionally(new ClosedChannelException());
            }
        });
    }
}
