package io.switchboard.bench.peer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The raw peer's messages: {@code ping}, {@code joinRoom}, {@code sendMsgToRoom}, found by plain string search. */
final class RawNettyFrames extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private static final AttributeKey<String> ID = AttributeKey.valueOf("connectionId");
    private final ChannelGroup everyone;
    private final Map<String, ChannelGroup> rooms;

    RawNettyFrames(ChannelGroup everyone, Map<String, ChannelGroup> rooms) {
        this.everyone = everyone;
        this.rooms = rooms;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            byte[] id = new byte[12];
            ThreadLocalRandom.current().nextBytes(id);
            ctx.channel().attr(ID).set(Base64.getUrlEncoder().encodeToString(id));
            everyone.add(ctx.channel());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
        String text = frame.text();
        Channel me = ctx.channel();
        String id = me.attr(ID).get();
        if (text.contains("\"action\":\"ping\"")) {
            ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"pong\",\"statusCode\":200,\"connectionId\":\""
                    + id + "\"}"));
        } else if (text.contains("\"action\":\"joinRoom\"")) {
            String room = field(text, "roomId");
            ChannelGroup group = rooms.computeIfAbsent(room, r -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE));
            // Member first, then the notice to the others: a client that saw the notice may send at once.
            group.add(me);
            group.writeAndFlush(new TextWebSocketFrame("{\"type\":\"newParticipant\",\"participantConnectionId\":\""
                    + id + "\"}"), c -> c != me);
            ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"joined\",\"roomId\":\"" + room
                    + "\",\"connectionId\":\"" + id + "\"}"));
        } else if (text.contains("\"action\":\"sendMsgToRoom\"")) {
            ChannelGroup group = rooms.get(field(text, "roomId"));
            int start = text.indexOf("\"message\":\"") + 11;
            int end = text.lastIndexOf('"');
            if (group != null && start > 10 && end > start) {
                group.writeAndFlush(new TextWebSocketFrame(text.substring(start, end)), c -> c != me);
            }
        }
    }

    private static String field(String text, String name) {
        int start = text.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return text.substring(start, text.indexOf('"', start));
    }
}
