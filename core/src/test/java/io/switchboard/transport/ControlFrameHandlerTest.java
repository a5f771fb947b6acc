package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import org.junit.jupiter.api.Test;

/**
 * Pings, pongs and the client's close: a ping gets a pong with its payload, unless the peer's outbound queue is over
 * its limit (then 1008, and nothing more is queued) or the connection is closing; a client's close is answered with
 * its code and ends the connection.
 */
class ControlFrameHandlerTest {

    private static EmbeddedConnection open() {
        return EmbeddedConnection.open(c -> new ChannelHandler[] {new ControlFrameHandler(c)});
    }

    @Test
    void aPingIsAnsweredWithItsPayload() {
        EmbeddedConnection e = open();
        e.in(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        PongWebSocketFrame pong = e.out();
        assertThat(io.netty.buffer.ByteBufUtil.getBytes(pong.content())).containsExactly(1, 2, 3);
        pong.release();
        e.in(new PongWebSocketFrame()); // unsolicited: dropped
        assertThat((Object) e.out()).isNull();
        e.finish();
    }

    @Test
    void aPeerOverItsOutboundLimitGets1008InsteadOfAnotherPong() {
        EmbeddedConnection e = open();
        e.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        ByteBuf unread = Unpooled.wrappedBuffer(new byte[64]);
        e.channel.write(unread); // queued, never flushed: the peer is not reading
        assertThat(e.channel.isWritable()).isFalse();
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {9});
        e.in(new PingWebSocketFrame(payload));
        assertThat(payload.refCnt()).isZero();
        assertThat(e.connection.closing()).isTrue();
        assertThat(e.connection.closeStatus().code()).isEqualTo(1008);
        e.channel.flush();
        assertThat((Object) e.out()).isSameAs(unread);
        unread.release();
        assertThat(e.closeCode()).isEqualTo(1008);
        assertThat((Object) e.out()).isNull(); // no pong
        e.finish();
    }

    @Test
    void pingsWhileClosingAreDropped() {
        EmbeddedConnection e = open();
        e.connection.close(1001, "Going away");
        e.closeCode();
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1});
        e.in(new PingWebSocketFrame(payload));
        assertThat(payload.refCnt()).isZero();
        assertThat((Object) e.out()).isNull();
        e.finish();
    }

    @Test
    void theClientsCloseIsAnsweredWithItsCodeAndEndsTheConnection() {
        EmbeddedConnection e = open();
        e.in(new CloseWebSocketFrame(4000, "done"));
        assertThat(e.closeCode()).isEqualTo(4000);
        assertThat(e.channel.isOpen()).isFalse();
        assertThat(e.connection.closeStatus().code()).isEqualTo(4000);
        e.finish();
    }
}
