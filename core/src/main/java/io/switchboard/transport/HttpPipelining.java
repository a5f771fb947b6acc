package io.switchboard.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Keeps answers in request order when a client pipelines requests on a kept-alive connection (RFC 9112 §9.3.2).
 * Some answers are asynchronous (HTTP routes, static files, management calls), so a later request could otherwise be
 * answered first: while one request waits for its answer, later ones wait here and go on, one at a time, once the
 * answer is written. Past {@value #MAX_WAITING} waiting requests the connection stops reading until they are served.
 * After an answer that closes the connection, requests still waiting, or arriving, are dropped unanswered.
 * Removed with the other HTTP handlers when a connection becomes a WebSocket.
 */
final class HttpPipelining extends ChannelDuplexHandler {
    private static final int MAX_WAITING = 16;

    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
    private boolean answering;
    /** An answer said {@code Connection: close}: nothing after it is served (RFC 9112 §9.6). */
    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            request.release();
            return;
        }
        if (answering || !waiting.isEmpty()) {
            waiting.add(request);
            if (waiting.size() >= MAX_WAITING) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        answering = true;
        ctx.fireChannelRead(request);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean complete = msg instanceof LastHttpContent
                && !(msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL);
        if (msg instanceof HttpResponse response && !HttpUtil.isKeepAlive(response)) {
            closing = true;
            drop();
        }
        ctx.write(msg, promise);
        if (complete && answering) {
            answering = false;
            // Not from inside this write: the next request's answer may be written synchronously.
            ctx.executor().execute(() -> next(ctx));
        }
    }

    private void next(ChannelHandlerContext ctx) {
        if (closing || !ctx.channel().isActive()) {
            drop();
            return;
        }
        if (answering || waiting.isEmpty() || ctx.isRemoved()) {
            return;
        }
        answering = true;
        FullHttpRequest request = waiting.poll();
        if (waiting.size() < MAX_WAITING / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        ctx.fireChannelRead(request);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        drop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        drop();
        ctx.fireChannelInactive();
    }

    private void drop() {
        FullHttpRequest request;
        while ((request = waiting.poll()) != null) {
            ReferenceCountUtil.release(request);
        }
    }
}
