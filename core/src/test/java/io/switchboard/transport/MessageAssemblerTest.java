package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.routing.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Reassembly at the limits: a message exactly at the limit passes, one byte over closes 1009 with the partial buffer
 * released; a continuation without a start is 1002; binary is 1003 where not accepted; an unfinished message is
 * dropped after its deadline with 1008; nothing is assembled once closing began. Fragments are joined in their
 * order, a fragmented binary message stays binary, and control frames between fragments pass on.
 */
class MessageAssemblerTest {
    private static final int LIMIT = 1000;

    private static EmbeddedConnection open(boolean binary) {
        return EmbeddedConnection.open(c -> new ChannelHandler[] {
            new MessageAssembler(c, LIMIT, binary, Duration.ofSeconds(10))});
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer("x".repeat(n).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fragmentsUpToTheLimitAreOneMessage() {
        EmbeddedConnection e = open(false);
        e.in(new TextWebSocketFrame(false, 0, bytes(400)));
        e.in(new ContinuationWebSocketFrame(false, 0, bytes(0)));
        e.in(new ContinuationWebSocketFrame(true, 0, bytes(600)));
        InboundMessage message = e.channel.readInbound();
        assertThat(message.payload()).hasSize(LIMIT);
        assertThat(e.connection.closing()).isFalse();
        e.finish();
    }

    @Test
    void oneByteOverTheLimitCloses1009AndReleasesThePartialMessage() {
        EmbeddedConnection e = open(false);
        ByteBuf first = bytes(600);
        e.in(new TextWebSocketFrame(false, 0, first));
        assertThat(first.refCnt()).isZero(); // copied into the partial buffer and released
        e.in(new ContinuationWebSocketFrame(true, 0, bytes(401)));
        assertThat((Object) e.channel.readInbound()).isNull();
        assertThat(e.closeCode()).isEqualTo(1009);
        e.finish();
    }

    @Test
    void aContinuationWithoutAStartIs1002() {
        EmbeddedConnection e = open(false);
        e.in(new ContinuationWebSocketFrame(true, 0, bytes(3)));
        assertThat(e.closeCode()).isEqualTo(1002);
        e.finish();
    }

    @Test
    void aNewMessageInsideAFragmentedOneIs1002AndReleasesThePartialMessage() {
        EmbeddedConnection e = open(false);
        e.in(new TextWebSocketFrame(false, 0, bytes(10)));
        ByteBuf second = bytes(5);
        e.in(new TextWebSocketFrame(true, 0, second));
        assertThat(second.refCnt()).isZero();
        assertThat((Object) e.channel.readInbound()).isNull();
        assertThat(e.closeCode()).isEqualTo(1002);
        e.advance(60_000); // the partial message's deadline was cancelled with it: no second close
        e.finish(); // and the leak check finds no partial buffer left
    }

    @Test
    void binaryIs1003UnlessAccepted() {
        EmbeddedConnection text = open(false);
        text.in(new BinaryWebSocketFrame(bytes(3)));
        assertThat(text.closeCode()).isEqualTo(1003);
        text.finish();
        EmbeddedConnection binary = open(true);
        binary.in(new BinaryWebSocketFrame(bytes(3)));
        assertThat(((InboundMessage) binary.channel.readInbound()).binary()).isTrue();
        binary.finish();
    }

    @Test
    void anUnfinishedMessageIsDroppedAtItsDeadline() {
        EmbeddedConnection e = open(false);
        e.in(new TextWebSocketFrame(false, 0, bytes(10)));
        e.advance(9_999);
        e.in(new ContinuationWebSocketFrame(false, 0, bytes(0))); // trickling does not extend the deadline
        assertThat(e.connection.closing()).isFalse();
        e.advance(1);
        assertThat(e.closeCode()).isEqualTo(1008);
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Message not completed in time");
        e.finish();
    }

    @Test
    void aFinishedMessageCancelsItsDeadline() {
        EmbeddedConnection e = open(false);
        e.in(new TextWebSocketFrame(false, 0, bytes(10)));
        e.in(new ContinuationWebSocketFrame(true, 0, bytes(10)));
        e.advance(60_000);
        assertThat(e.connection.closing()).isFalse();
        assertThat((Object) e.channel.readInbound()).isNotNull();
        e.finish();
    }

    @Test
    void nothingIsAssembledOnceClosingBegan() {
        EmbeddedConnection e = open(false);
        e.connection.close(1000, "bye");
        assertThat(e.closeCode()).isEqualTo(1000);
        ByteBuf late = bytes(5);
        e.in(new TextWebSocketFrame(late));
        assertThat(late.refCnt()).isZero();
        assertThat((Object) e.channel.readInbound()).isNull();
        e.finish();
    }

    @Test
    void manyFragmentsAreJoinedInTheirOrderUpToExactlyTheLimit() {
        EmbeddedConnection e = open(false);
        byte[] expected = new byte[LIMIT];
        for (int i = 0; i < LIMIT; i++) {
            expected[i] = (byte) ('a' + i % 26);
        }
        for (int from = 0; from < LIMIT; from += 10) { // a hundred fragments of ten bytes
            ByteBuf piece = Unpooled.wrappedBuffer(expected, from, 10);
            boolean last = from + 10 == LIMIT;
            e.in(from == 0 ? new TextWebSocketFrame(false, 0, piece) : new ContinuationWebSocketFrame(last, 0, piece));
        }
        InboundMessage message = e.channel.readInbound();
        assertThat(message.payload()).containsExactly(expected);
        assertThat(message.binary()).isFalse();
        assertThat(e.connection.closing()).isFalse();
        e.finish();
    }

    @Test
    void aFragmentedBinaryMessageStaysBinary() {
        EmbeddedConnection e = open(true);
        e.in(new BinaryWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {1, 2})));
        e.in(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {3})));
        InboundMessage message = e.channel.readInbound();
        assertThat(message.binary()).isTrue();
        assertThat(message.payload()).containsExactly(1, 2, 3);
        e.finish();
    }

    @Test
    void aFragmentedBinaryMessageIs1003AtItsFirstFragmentWhereNotAccepted() {
        EmbeddedConnection e = open(false);
        ByteBuf first = bytes(3);
        e.in(new BinaryWebSocketFrame(false, 0, first));
        assertThat(first.refCnt()).isZero();
        assertThat(e.closeCode()).isEqualTo(1003);
        ByteBuf rest = bytes(3);
        e.in(new ContinuationWebSocketFrame(true, 0, rest)); // closing: dropped, not a second close
        assertThat(rest.refCnt()).isZero();
        assertThat((Object) e.out()).isNull();
        assertThat((Object) e.channel.readInbound()).isNull();
        e.finish();
    }

    @Test
    void controlFramesBetweenFragmentsPassOnAndTheMessageIsStillWhole() {
        EmbeddedConnection e = open(false);
        e.in(new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("hel", StandardCharsets.UTF_8)));
        e.in(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {7}))); // allowed mid-message (RFC 6455 §5.4)
        e.in(new ContinuationWebSocketFrame(true, 0, Unpooled.copiedBuffer("lo", StandardCharsets.UTF_8)));
        PingWebSocketFrame ping = e.channel.readInbound();
        assertThat(ping.content().getByte(0)).isEqualTo((byte) 7);
        ping.release();
        InboundMessage message = e.channel.readInbound();
        assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
        e.finish();
    }
}
