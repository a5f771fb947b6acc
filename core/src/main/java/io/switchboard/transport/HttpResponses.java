package io.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.errors.GatewayError;
import java.nio.charset.StandardCharsets;

/** Writes the gateway's plain HTTP answers (errors, health), closing the connection unless it is kept alive. */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** A JSON answer. */
    static void json(ChannelHandlerContext ctx, HttpResponseStatus status, String json, boolean keepAlive) {
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        send(ctx, response, keepAlive);
    }

    /** An error from the catalogue, as {@code {"message": "…"}} like API Gateway's own errors. */
    static void error(ChannelHandlerContext ctx, GatewayError error, boolean keepAlive) {
        error(ctx, HttpResponseStatus.valueOf(error.httpStatus()), error.message(), keepAlive);
    }

    /** An error status with a message. */
    static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        json(ctx, status, "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}", keepAlive);
    }

    /** Sends a response; without keep-alive the connection closes once it is written. */
    public static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        prepare(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Sets {@code Content-Length} (never on a 204, as RFC 9110 asks) and {@code Connection}. */
    public static void prepare(FullHttpResponse response, boolean keepAlive) {
        if (response.status().code() != HttpResponseStatus.NO_CONTENT.code()) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        response.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE
                : HttpHeaderValues.CLOSE);
    }
}
