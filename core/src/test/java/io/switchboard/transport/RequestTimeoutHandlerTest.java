package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The request deadline on a stopped clock: a connection that does not deliver a complete request in time is closed,
 * a request stops the clock while it is answered, and the answer starts it again for the next request.
 */
class RequestTimeoutHandlerTest {

    private static EmbeddedChannel channel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.pipeline().addLast(new RequestTimeoutHandler(Duration.ofSeconds(10)));
        return channel;
    }

    private static void advance(EmbeddedChannel channel, long millis) {
        channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void noRequestInTimeClosesTheConnection() {
        EmbeddedChannel channel = channel();
        advance(channel, 9_999);
        assertThat(channel.isOpen()).isTrue();
        advance(channel, 1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aRequestStopsTheClockAndItsAnswerStartsItAgain() {
        EmbeddedChannel channel = channel();
        advance(channel, 5_000);
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        channel.writeInbound(request);
        ReferenceCountUtil.release(channel.readInbound());
        advance(channel, 60_000); // the answer takes its time: not the client's fault
        assertThat(channel.isOpen()).isTrue();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ReferenceCountUtil.release(channel.readOutbound());
        advance(channel, 9_999);
        assertThat(channel.isOpen()).isTrue();
        advance(channel, 1);
        assertThat(channel.isOpen()).isFalse();
    }
}
