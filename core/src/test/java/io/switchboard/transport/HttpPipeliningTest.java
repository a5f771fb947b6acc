package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.http.HttpResponses;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests on one connection: each reaches the router only once the answer before it is written (an
 * interim 100 or the head of a streamed answer is not the end of one), so answers leave in request order whatever
 * order the router would have answered in; an answer that closes the connection ends it and releases what waited;
 * sixteen waiting requests pause reading until no more than seven wait; requests still waiting when the connection
 * closes or becomes a WebSocket are released.
 */
class HttpPipeliningTest {

    /** Stands in for HttpRouter: keeps what it is handed, and answers only when a test says so. */
    private static final class Router extends ChannelInboundHandlerAdapter {
        final List<FullHttpRequest> received = new ArrayList<>();
        ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            received.add((FullHttpRequest) msg);
        }

        List<String> uris() {
            return received.stream().map(FullHttpRequest::uri).toList();
        }

        /** Answers the request at {@code index} (releasing it), as the router's asynchronous answers do. */
        void answer(int index, boolean keepAlive) {
            HttpResponses.send(ctx, response(index), keepAlive);
        }

        /** An answer to the request at {@code index}, carrying its target; releases the request. */
        FullHttpResponse response(int index) {
            FullHttpRequest request = received.get(index);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(request.uri(), StandardCharsets.UTF_8));
            request.release();
            return response;
        }
    }

    private final Router router = new Router();
    private final EmbeddedChannel channel = new EmbeddedChannel(new HttpPipelining(), router);

    private static FullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    @AfterEach
    void releaseWhatIsLeft() {
        router.received.stream().filter(request -> request.refCnt() > 0).forEach(FullHttpRequest::release);
        channel.finishAndReleaseAll();
    }

    private List<FullHttpRequest> send(int count) {
        List<FullHttpRequest> sent = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            FullHttpRequest request = request("/" + i);
            sent.add(request);
            channel.writeInbound(request);
        }
        return sent;
    }

    /** The bodies (the request targets they answer) of the responses written so far, releasing them. */
    private List<String> answered() {
        List<String> bodies = new ArrayList<>();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            bodies.add(((FullHttpResponse) out).content().toString(StandardCharsets.UTF_8));
            ReferenceCountUtil.release(out);
        }
        return bodies;
    }

    @Test
    void laterRequestsWaitForTheAnswerBeforeThemSoAnswersLeaveInRequestOrder() {
        send(3);
        assertThat(router.uris()).containsExactly("/1");
        channel.runPendingTasks();
        assertThat(router.uris()).as("nothing goes on before the answer").containsExactly("/1");
        router.ctx.write(router.response(0));
        // handed on from a task, not from inside the write: the next answer may be written synchronously
        assertThat(router.uris()).containsExactly("/1");
        channel.runPendingTasks();
        assertThat(router.uris()).containsExactly("/1", "/2");
        channel.flush();
        router.answer(1, true);
        assertThat(router.uris()).containsExactly("/1", "/2", "/3");
        router.answer(2, true);
        assertThat(answered()).containsExactly("/1", "/2", "/3");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anInterimResponseOrTheHeadOfAStreamedAnswerDoesNotEndTheAnswer() {
        send(2);
        router.ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.runPendingTasks();
        assertThat(router.uris()).containsExactly("/1");
        router.ctx.writeAndFlush(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        router.ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer("part", StandardCharsets.UTF_8)));
        channel.runPendingTasks();
        assertThat(router.uris()).containsExactly("/1");
        router.ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        channel.runPendingTasks();
        assertThat(router.uris()).containsExactly("/1", "/2");
        router.received.get(0).release();
        router.answer(1, true);
        channel.finishAndReleaseAll();
    }

    @Test
    void anAnswerThatClosesTheConnectionIsTheLastWrittenAndTheRequestsThatWaitedAreReleased() {
        List<FullHttpRequest> sent = send(3);
        router.answer(0, false); // Connection: close, and close once written
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        for (int i = 1; i < router.received.size(); i++) {
            router.answer(i, true); // whatever got through is answered into a closed channel: not written
        }
        Object only = channel.readOutbound();
        assertThat(((FullHttpResponse) only).headers().get("connection")).isEqualTo("close");
        ReferenceCountUtil.release(only);
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(sent).allSatisfy(request -> assertThat(request.refCnt()).isZero());
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /**
     * RFC 9112 §9.6: after the answer that closes the connection, no further request may be processed: the waiting
     * ones are dropped, even though the hand-on task runs before the channel's inactive event (a management call
     * would otherwise run on a closed channel).
     */
    @Test
    void noRequestReachesTheRouterAfterAnAnswerThatClosesTheConnection() {
        send(3);
        router.answer(0, false);
        channel.runPendingTasks();
        assertThat(channel.isOpen()).isFalse();
        assertThat(router.uris()).containsExactly("/1");
    }

    @Test
    void sixteenWaitingRequestsPauseReadingUntilNoMoreThanSevenWait() {
        send(16); // one being answered, fifteen waiting
        assertThat(channel.config().isAutoRead()).isTrue();
        channel.writeInbound(request("/17")); // the sixteenth waiting
        assertThat(channel.config().isAutoRead()).isFalse();
        channel.writeInbound(request("/18")); // already read when reading paused: kept, not lost
        channel.writeInbound(request("/19"));
        assertThat(channel.config().isAutoRead()).isFalse();
        for (int answered = 0; answered < 10; answered++) { // 18 waiting, then 17, ... 8 after ten
            router.answer(answered, true);
            channel.runPendingTasks();
            assertThat(channel.config().isAutoRead()).as("after %d answers", answered + 1).isFalse();
        }
        router.answer(10, true);
        channel.runPendingTasks(); // 7 waiting now
        assertThat(channel.config().isAutoRead()).isTrue();
        for (int next = 11; next < 19; next++) {
            router.answer(next, true);
            channel.runPendingTasks();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 19; i++) {
            expected.add("/" + i);
        }
        assertThat(router.uris()).containsExactlyElementsOf(expected);
        assertThat(answered()).containsExactlyElementsOf(expected);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void requestsWaitingWhenThePeerHangsUpAreReleased() {
        List<FullHttpRequest> sent = send(4);
        channel.close();
        channel.runPendingTasks();
        assertThat(sent.subList(1, 4)).allSatisfy(request -> assertThat(request.refCnt()).isZero());
        assertThat(sent.get(0).refCnt()).isOne(); // the router's to release
        router.received.get(0).release();
        assertThat(router.uris()).containsExactly("/1");
        channel.finishAndReleaseAll();
    }

    @Test
    void whenTheConnectionBecomesAWebSocketWaitingRequestsAreReleasedAndNothingMoreIsHandedOn() {
        List<FullHttpRequest> sent = send(3);
        router.ctx.write(router.response(0)); // /2 would go on from a task
        channel.pipeline().remove(HttpPipelining.class); // as WebSocketPipeline.install does
        channel.runPendingTasks();
        channel.flush();
        assertThat(router.uris()).containsExactly("/1");
        assertThat(sent.get(1).refCnt()).isZero();
        assertThat(sent.get(2).refCnt()).isZero();
        assertThat(answered()).containsExactly("/1");
        channel.finishAndReleaseAll();
    }
}
