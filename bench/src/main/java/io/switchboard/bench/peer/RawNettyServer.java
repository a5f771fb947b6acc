package io.switchboard.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The peer that marks the JVM's limit: a plain Netty WebSocket server that does the scenarios' work and nothing
 * else (no routing, no events, no limits beyond Netty's defaults). It speaks the same JSON actions as Switchboard's
 * bench API: {@code ping}, {@code joinRoom}, {@code sendMsgToRoom}, and {@code POST /broadcast}.
 */
public final class RawNettyServer implements AutoCloseable {
    private final EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    private final Channel listener;

    public RawNettyServer(String host, int port) {
        ChannelGroup everyone = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ConcurrentHashMap<String, ChannelGroup> rooms = new ConcurrentHashMap<>();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .decoderConfig(WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(128 * 1024).build())
                .build();
        listener = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // Flush consolidation, as any tuned Netty server has: one write per read batch.
                        ch.pipeline().addLast(new FlushConsolidationHandler(256, true),
                                new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                new BroadcastEndpoint(everyone), new WebSocketServerProtocolHandler(ws),
                                new RawNettyFrames(everyone, rooms));
                    }
                })
                .bind(host, port).syncUninterruptibly().channel();
    }

    public int port() {
        return ((java.net.InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        acceptor.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
