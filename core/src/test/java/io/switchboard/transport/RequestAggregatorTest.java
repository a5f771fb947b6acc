package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Request bodies at the limit: exactly the limit is one request; a declared length over it is answered 413 in the
 * management API's shape on a connection that stays open, the body that follows is dropped and the next request is
 * served; a body that grows over the limit while read is 413 and the connection closes; {@code Expect:
 * 100-continue} gets 100 within the limit and the 413 instead of it over the limit.
 */
class RequestAggregatorTest {
    private static final int LIMIT = 1000;

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestAggregator(LIMIT));

    @AfterEach
    void releaseWhatIsLeft() {
        channel.finishAndReleaseAll();
    }

    private static HttpRequest post(Integer contentLength) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/production/@c/x");
        if (contentLength == null) {
            HttpUtil.setTransferEncodingChunked(request, true);
        } else {
            HttpUtil.setContentLength(request, contentLength);
        }
        return request;
    }

    private static HttpContent piece(int bytes) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    private static HttpContent last(int bytes) {
        return new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[bytes]));
    }

    /** Writes the pieces of a body and returns their buffers, to check they were released. */
    private List<ByteBuf> body(HttpContent... pieces) {
        List<ByteBuf> buffers = new ArrayList<>();
        for (HttpContent piece : pieces) {
            buffers.add(piece.content());
            channel.writeInbound(piece);
        }
        return buffers;
    }

    /** The next response, which must be the 413 of the management API; returns its Connection header. */
    private String tooLarge() {
        FullHttpResponse response = channel.readOutbound();
        try {
            assertThat(response.status().code()).isEqualTo(413);
            assertThat(response.headers().get("x-amzn-ErrorType")).isEqualTo("PayloadTooLargeException");
            assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE))
                    .isEqualTo(HttpHeaderValues.APPLICATION_JSON.toString());
            String body = response.content().toString(StandardCharsets.UTF_8);
            assertThat(body).isEqualTo("{\"message\":\"the request body is larger than " + LIMIT + " bytes\"}");
            assertThat(HttpUtil.getContentLength(response)).isEqualTo(body.length());
            return response.headers().get(HttpHeaderNames.CONNECTION);
        } finally {
            response.release();
        }
    }

    /** The next request is aggregated and handed on with {@code bytes} of body. */
    private void servesARequestOf(int bytes) {
        channel.writeInbound(post(bytes));
        channel.writeInbound(last(bytes));
        FullHttpRequest request = channel.readInbound();
        assertThat(request.content().readableBytes()).isEqualTo(bytes);
        request.release();
    }

    @Test
    void aBodyOfExactlyTheLimitIsOneRequest() {
        channel.writeInbound(post(null));
        body(piece(400), piece(0), last(600));
        FullHttpRequest request = channel.readInbound();
        assertThat(request.content().readableBytes()).isEqualTo(LIMIT);
        request.release();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413OnAConnectionThatStaysOpenAndTheBodyIsDropped() {
        channel.writeInbound(post(LIMIT + 1));
        assertThat(tooLarge()).isEqualTo("keep-alive");
        List<ByteBuf> dropped = body(piece(500), last(501)); // the client sends it anyway
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(dropped).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
        assertThat(channel.isOpen()).isTrue();
        servesARequestOf(LIMIT);
    }

    @Test
    void aClientThatDoesNotKeepAliveGetsThe413AndTheConnectionCloses() {
        HttpRequest request = post(LIMIT + 1);
        request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        channel.writeInbound(request);
        assertThat(tooLarge()).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aBodyThatGrowsOverTheLimitWhileReadIs413AndTheConnectionCloses() {
        channel.writeInbound(post(null));
        List<ByteBuf> pieces = body(piece(LIMIT), last(1));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(tooLarge()).isEqualTo("close"); // part of the body is already read: no way to resynchronise
        assertThat(channel.isOpen()).isFalse();
        assertThat(pieces).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    }

    @Test
    void expect100ContinueWithinTheLimitGets100AndTheBodyIsAggregated() {
        HttpRequest request = post(LIMIT);
        HttpUtil.set100ContinueExpected(request, true);
        channel.writeInbound(request);
        FullHttpResponse proceed = channel.readOutbound();
        assertThat(proceed.status().code()).isEqualTo(100);
        proceed.release();
        assertThat((Object) channel.readInbound()).isNull();
        channel.writeInbound(last(LIMIT));
        FullHttpRequest aggregated = channel.readInbound();
        assertThat(aggregated.content().readableBytes()).isEqualTo(LIMIT);
        assertThat(aggregated.headers().contains(HttpHeaderNames.EXPECT)).isFalse(); // answered here
        aggregated.release();
    }

    @Test
    void expect100ContinueOverTheLimitGetsThe413InsteadAndTheConnectionStaysOpen() {
        HttpRequest request = post(LIMIT + 1);
        HttpUtil.set100ContinueExpected(request, true);
        channel.writeInbound(request);
        assertThat(tooLarge()).isEqualTo("keep-alive"); // the client need not send the body at all
        assertThat((Object) channel.readOutbound()).as("no 100 Continue").isNull();
        List<ByteBuf> dropped = body(last(LIMIT + 1)); // a client that sends it anyway
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(dropped.get(0).refCnt()).isZero();
        assertThat(channel.isOpen()).isTrue();
        servesARequestOf(10);
    }
}
