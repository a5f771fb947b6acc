package io.switchboard.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.handler.GatewayError;
import io.switchboard.json.Json;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Management API answers in the shape of AWS's REST-JSON services: a {@code x-amzn-RequestId} on every response, and
 * on errors a {@code {"message": …}} body with the {@code x-amzn-ErrorType} header that the AWS SDKs turn into
 * {@code GoneException}, {@code ForbiddenException} and the others.
 */
public final class ManagementResponses {

    private ManagementResponses() {
    }

    /** 200 with a JSON body. */
    public static void json(ChannelHandlerContext ctx, Object body, boolean keepAlive) {
        byte[] json = Json.MAPPER.writeValueAsBytes(body);
        send(ctx, HttpResponseStatus.OK, Unpooled.wrappedBuffer(json), true, keepAlive);
    }

    /** A status without a body (200 after a post, 204 after a delete). */
    public static void empty(ChannelHandlerContext ctx, HttpResponseStatus status, boolean keepAlive) {
        send(ctx, status, Unpooled.EMPTY_BUFFER, false, keepAlive);
    }

    /** An error with its AWS error type and a message for the caller. */
    public static void error(ChannelHandlerContext ctx, GatewayError error, String message, boolean keepAlive) {
        HttpResponses.send(ctx, errorResponse(error, message, keepAlive), keepAlive);
    }

    /** The response {@link #error} sends, with its length and {@code Connection} header set. */
    public static FullHttpResponse errorResponse(GatewayError error, String message, boolean keepAlive) {
        FullHttpResponse response = response(HttpResponseStatus.valueOf(error.httpStatus()),
                Unpooled.wrappedBuffer(Json.MAPPER.writeValueAsBytes(Map.of("message", message))), true);
        error.awsErrorType().ifPresent(type -> response.headers().set("x-amzn-ErrorType", type));
        HttpResponses.prepare(response, keepAlive);
        return response;
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, ByteBuf body, boolean json,
                             boolean keepAlive) {
        HttpResponses.send(ctx, response(status, body, json), keepAlive);
    }

    private static FullHttpResponse response(HttpResponseStatus status, ByteBuf body, boolean json) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        ThreadLocalRandom random = ThreadLocalRandom.current(); // a request id needs to be unique, not secret
        response.headers().set("x-amzn-RequestId", new UUID(random.nextLong(), random.nextLong()).toString());
        if (json) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        return response;
    }
}
