package io.switchboard.http;

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
import io.switchboard.handler.GatewayError;
import java.nio.charset.StandardCharsets;

/**
 * Writes the gateway's plain HTTP answers (errors, health, static files, HTTP routes), closing the connection unless
 * it is kept alive.
 */
public final class HttpResponses {

    private HttpResponses() {
    }

    /** A JSON answer. */
    public static void json(ChannelHandlerContext ctx, HttpResponseStatus status, String json, boolean keepAlive) {
        send(ctx, jsonResponse(status, json), keepAlive);
    }

    /** An error from the catalogue, as {@code {"message": "…"}} like API Gateway's own errors. */
    public static void error(ChannelHandlerContext ctx, GatewayError error, boolean keepAlive) {
        send(ctx, errorResponse(error), keepAlive);
    }

    /** The response {@link #error(ChannelHandlerContext, GatewayError, boolean)} sends, to add headers to. */
    public static FullHttpResponse errorResponse(GatewayError error) {
        return jsonResponse(HttpResponseStatus.valueOf(error.httpStatus()), messageJson(error.message()));
    }

    /** An error status with a message. */
    public static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String message, boolean keepAlive) {
        json(ctx, status, messageJson(message), keepAlive);
    }

    private static String messageJson(String message) {
        return "{\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static FullHttpResponse jsonResponse(HttpResponseStatus status, String json) {
        ByteBuf body = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        return response;
    }

    /** Sends a response; without keep-alive the connection closes once it is written. */
    public static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        prepare(response, keepAlive);
        write(ctx, response, keepAlive);
    }

    /** Writes a response already {@link #prepare prepared}; without keep-alive the connection then closes. */
    public static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
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
