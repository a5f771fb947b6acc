package io.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The load generator's WebSocket client on Netty: opens many connections, spreading them over several loopback
 * source addresses ({@code 127.0.0.1}, {@code 127.0.0.2}, …), since one (source, destination) pair has only about
 * 28,000 ephemeral ports.
 */
public final class WsClient implements AutoCloseable {
    private final EventLoopGroup group;
    private final List<InetAddress> sources;
    private final Protocol protocol;

    /**
     * @param threads event-loop threads
     * @param sourceAddresses how many loopback source addresses to rotate over (127.0.0.1 upwards)
     */
    public WsClient(int threads, int sourceAddresses, Protocol protocol) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.sources = loopbackSources(sourceAddresses);
        this.protocol = protocol;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** Opens one connection; completes when the WebSocket (and the protocol's own opening) is done. */
    public CompletableFuture<ClientConnection> connect(URI uri, int index, FrameListener listener) {
        return connect(uri, index, listener, group, 0);
    }

    /**
     * Opens one connection on the given event loop (so that its frames, its listener and the caller's timers share
     * one thread), failing with a {@link TimeoutException} and closing the channel if the connection is not ready
     * within {@code timeoutMillis} (0: only the TCP connect has a deadline, 10 s).
     */
    public CompletableFuture<ClientConnection> connect(URI uri, int index, FrameListener listener,
                                                       EventLoopGroup loop, long timeoutMillis) {
        CompletableFuture<ClientConnection> ready = new CompletableFuture<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new ClientHandler(uri, index, protocol, listener, ready));
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), port(uri));
        InetSocketAddress local = new InetSocketAddress(sources.get(index % sources.size()), 0);
        ChannelFuture connecting = bootstrap.connect(remote, local);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                ready.completeExceptionally(f.cause());
            }
        });
        if (timeoutMillis > 0 && !ready.isDone()) {
            Channel channel = connecting.channel();
            // On the loop given (itself, when it is one event loop): the channel's may be unset if creating it failed.
            ScheduledFuture<?> deadline = loop.next().schedule(() -> {
                if (ready.completeExceptionally(new TimeoutException("not open within " + timeoutMillis + " ms"))) {
                    channel.close();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            ready.whenComplete((c, e) -> deadline.cancel(false));
        }
        return ready;
    }

    /** The event loops the connections run on. */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * Opens {@code count} connections numbered {@code first…}, at most {@code inFlight} handshakes at a time.
     *
     * @throws IllegalStateException when a connection fails
     */
    public List<ClientConnection> connectAll(URI uri, int first, int count, int inFlight, FrameListener listener)
            throws InterruptedException {
        return connectAll(index -> uri, first, count, inFlight, listener);
    }

    /** The same, each connection to the address {@code uri} gives for its index (a cluster's nodes, say). */
    public List<ClientConnection> connectAll(java.util.function.IntFunction<URI> uri, int first, int count,
                                             int inFlight, FrameListener listener) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<ClientConnection>> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            slots.acquire();
            CompletableFuture<ClientConnection> f = connect(uri.apply(first + i), first + i, listener);
            f.whenComplete((c, e) -> slots.release());
            all.add(f);
        }
        List<ClientConnection> out = new ArrayList<>(count);
        for (CompletableFuture<ClientConnection> f : all) {
            out.add(f.orTimeout(60, TimeUnit.SECONDS).join());
        }
        return out;
    }

    /** Closes every connection and stops the threads. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static int port(URI uri) {
        if (uri.getPort() > 0) {
            return uri.getPort();
        }
        return "wss".equals(uri.getScheme()) || "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private static List<InetAddress> loopbackSources(int count) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (int i = 1; i <= Math.max(1, count); i++) {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(out);
    }

    /** Closes a channel without the WebSocket closing handshake (an abrupt client). */
    public static void drop(Channel channel) {
        channel.close();
    }
}
