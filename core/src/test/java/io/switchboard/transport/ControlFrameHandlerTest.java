package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pings, pongs and the client's close: a ping gets a pong with its payload, unless the peer's outbound queue is over
 * its limit (then 1008, and nothing more is queued) or the connection is closing; a client's close is answered with
 * its code and ends the connection, a code the RFC does not allow is 1002 and a reason that is not UTF-8 is 1007 (the
 * same over the wire: FramesWireTest), a close without a code is answered without one.
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

    /** A close frame as the decoder hands it on: two bytes of code, then the reason's bytes, unchecked. */
    private static CloseWebSocketFrame rawClose(int code, byte... reason) {
        ByteBuf payload = Unpooled.buffer(2 + reason.length).writeShort(code).writeBytes(reason);
        return new CloseWebSocketFrame(true, 0, payload);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void aCloseCodeThePeerMayNotSendIs1002(int code) {
        EmbeddedConnection e = open();
        e.in(rawClose(code, (byte) 'x'));
        assertThat(e.closeCode()).isEqualTo(1002);
        assertThat(e.connection.closeStatus().code()).isEqualTo(1002);
        e.finish();
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1003, 1007, 1014, 3000, 4999})
    void theEdgesOfTheAllowedRangesAreAnsweredWithTheirOwnCode(int code) {
        EmbeddedConnection e = open();
        e.in(rawClose(code));
        assertThat(e.closeCode()).isEqualTo(code);
        e.finish();
    }

    @Test
    void aCloseReasonThatIsNotUtf8Is1007EvenWhenOnlyItsLastCharacterIsCutShort() {
        byte[][] reasons = {{(byte) 0xff, (byte) 0xfe}, {'o', 'k', (byte) 0xe2, (byte) 0x82}};
        for (byte[] reason : reasons) {
            EmbeddedConnection e = open();
            e.in(rawClose(1000, reason));
            assertThat(e.closeCode()).isEqualTo(1007);
            e.finish();
        }
        EmbeddedConnection valid = open();
        valid.in(rawClose(1000, "fin ✓".getBytes(StandardCharsets.UTF_8)));
        assertThat(valid.closeCode()).isEqualTo(1000);
        assertThat(valid.connection.closeStatus().reason()).isEqualTo("fin ✓");
        valid.finish();
    }

    @Test
    void aCloseWithoutACodeIsAnsweredWithoutOneAndRecordedAsNoStatus() {
        EmbeddedConnection e = open();
        e.in(new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER));
        CloseWebSocketFrame answer = e.out();
        assertThat(answer.content().readableBytes()).isZero();
        answer.release();
        assertThat(e.connection.closeStatus().code()).isEqualTo(1005);
        assertThat(e.channel.isOpen()).isFalse();
        e.finish();
    }

    @Test
    void theClientsAnswerToOurCloseEndsTheConnectionWithoutASecondClose() {
        EmbeddedConnection e = open();
        e.connection.close(1001, "Going away");
        assertThat(e.closeCode()).isEqualTo(1001);
        e.in(new CloseWebSocketFrame(1001, ""));
        assertThat(e.channel.isOpen()).isFalse();
        assertThat((Object) e.out()).isNull();
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Going away");
        e.finish();
    }
}
