package io.switchboard.transport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.switchboard.config.ServerConfig;
import io.switchboard.connections.Connection;
import io.switchboard.handler.GatewayError;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener: one port serving every stage, the health endpoint and (with TLS) {@code wss://} and
 * {@code https://}. Uses Java NIO, which is epoll underneath on Linux.
 */
public final class NettyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NettyServer.class);

    private final Served served;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;

    private NettyServer(Served served, EventLoopGroup acceptor, EventLoopGroup workers, Channel listener) {
        this.served = served;
        this.acceptor = acceptor;
        this.workers = workers;
        this.listener = listener;
    }

    /** Binds the port and starts serving. */
    public static NettyServer start(Served served) {
        ServerConfig server = served.server();
        Optional<SslContext> tls = server.tls().map(TlsContexts::server);
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("switchboard-accept"),
                NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(server.eventLoopThreads(),
                new DefaultThreadFactory("switchboard-io"), NioIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ServerInitializer(served, tls))
                    .bind(server.host(), server.port())
                    .syncUninterruptibly()
                    .channel();
            return new NettyServer(served, acceptor, workers, listener);
        } catch (Exception e) { // Netty rethrows the bind failure (a checked BindException) unchecked
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot listen on " + server.host() + ":" + server.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bound address (with the real port when the configuration asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /**
     * Stops gracefully: no new connections, every open connection closed with 1001 "Going away", then waits (up to
     * {@code server.shutdown-timeout}) for the closing handshakes and the {@code $disconnect} integrations. What the
     * listener served is the caller's to close after this.
     */
    @Override
    public void close() {
        served.stopping();
        listener.close().syncUninterruptibly();
        Duration timeout = served.server().shutdownTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection connection : served.connections().all()) {
            connection.close(GatewayError.SHUTTING_DOWN);
        }
        try {
            served.connections().awaitEmpty(timeout);
            if (!served.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("stopped before every $disconnect finished ({} timed out)", timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
