package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.config.LimitsConfig;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The connection's clocks on a stopped clock: server pings after {@code ping-interval} of silence, never while the
 * peer talks; close 1001 when nothing answers within {@code pong-timeout}; the idle timeout counts data frames only;
 * the maximum duration holds however busy the connection is; data the gateway sends counts as activity too (its
 * pings do not); a peer that does not read is not given a ping but is closed all the same when nothing comes.
 */
class ActivityTimersTest {
    private static final LimitsConfig LIMITS = new LimitsConfig(32768, 131072, Duration.ofHours(1),
            Duration.ofSeconds(300), 64, 1 << 20, Optional.of(Duration.ofSeconds(10)), Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    /** A 60 s idle timeout and no server pings. */
    private static final LimitsConfig NO_PINGS = new LimitsConfig(32768, 131072, Duration.ofSeconds(60),
            Duration.ofSeconds(300), 64, 1 << 20, Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(10));

    private static EmbeddedConnection open(LimitsConfig limits) {
        return EmbeddedConnection.open(c -> new ChannelHandler[] {new ActivityTimers(c, limits)});
    }

    @Test
    void aSilentPeerIsPingedAndClosedWhenNothingAnswers() {
        EmbeddedConnection e = open(LIMITS);
        e.advance(9_999);
        assertThat((Object) e.out()).isNull();
        e.advance(1);
        PingWebSocketFrame ping = e.out();
        assertThat(ping).isNotNull();
        ping.release();
        e.advance(4_999);
        assertThat(e.connection.closing()).isFalse();
        e.advance(1);
        assertThat(e.connection.closing()).isTrue();
        assertThat(e.closeCode()).isEqualTo(1001);
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Ping timeout");
        e.finish();
    }

    @Test
    void anAnswerInTimeKeepsThePeerAndTheNextPingWaitsForSilenceAgain() {
        EmbeddedConnection e = open(LIMITS);
        for (int round = 0; round < 5; round++) {
            e.advance(10_000);
            PingWebSocketFrame ping = e.out();
            assertThat(ping).as("round " + round).isNotNull();
            ping.release();
            e.advance(4_000);
            e.in(new PongWebSocketFrame());
        }
        assertThat(e.connection.closing()).isFalse();
        e.finish();
    }

    @Test
    void aTalkingPeerIsNeverPinged() {
        EmbeddedConnection e = open(LIMITS);
        for (int i = 0; i < 20; i++) {
            e.advance(5_000);
            e.in(new PingWebSocketFrame(Unpooled.EMPTY_BUFFER)); // control frames prove it is there, too
        }
        assertThat((Object) e.out()).isNull();
        assertThat(e.connection.closing()).isFalse();
        e.finish();
    }

    @Test
    void theIdleTimeoutCountsDataFramesOnly() {
        EmbeddedConnection e = open(NO_PINGS);
        e.advance(30_000);
        e.in(new TextWebSocketFrame("data"));
        e.advance(59_999);
        assertThat(e.connection.closing()).isFalse();
        for (int i = 0; i < 3; i++) {
            e.in(new PongWebSocketFrame()); // not activity
        }
        e.advance(1);
        assertThat(e.connection.closing()).isTrue();
        assertThat(e.closeCode()).isEqualTo(1001);
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Going away");
        e.finish();
    }

    @Test
    void theMaximumDurationHoldsHoweverBusy() {
        EmbeddedConnection e = open(LIMITS);
        for (int second = 0; second < 299; second++) {
            e.advance(1_000);
            e.in(new TextWebSocketFrame("busy"));
        }
        assertThat(e.connection.closing()).isFalse();
        e.advance(1_000);
        assertThat(e.connection.closing()).isTrue();
        assertThat(e.closeCode()).isEqualTo(1001);
        e.finish();
    }

    @Test
    void outboundDataCountsForTheIdleTimeoutAndOutboundPingsDoNot() {
        EmbeddedConnection e = open(NO_PINGS);
        e.advance(50_000);
        e.channel.writeOutbound(new TextWebSocketFrame("to the peer"));
        ((TextWebSocketFrame) e.out()).release();
        e.advance(50_000); // 100 s open, 50 s since the last data
        assertThat(e.connection.closing()).isFalse();
        e.channel.writeOutbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, 0})); // a pre-encoded fan-out frame
        ((ByteBuf) e.out()).release();
        e.advance(59_999);
        assertThat(e.connection.closing()).isFalse();
        e.channel.writeOutbound(new PingWebSocketFrame()); // not activity
        ((PingWebSocketFrame) e.out()).release();
        e.advance(1);
        assertThat(e.closeCode()).isEqualTo(1001);
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Going away");
        e.finish();
    }

    @Test
    void aPeerThatDoesNotReadIsNotGivenAPingButStillOwesTheAnswer() {
        EmbeddedConnection e = open(LIMITS);
        e.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(8, 16));
        ByteBuf unread = Unpooled.wrappedBuffer(new byte[64]);
        e.channel.write(unread); // queued, never flushed: the peer is not reading
        assertThat(e.channel.isWritable()).isFalse();
        e.advance(10_000); // the ping is due
        e.advance(4_999);
        assertThat(e.connection.closing()).isFalse();
        e.advance(1);
        assertThat(e.connection.closeStatus().reason()).isEqualTo("Ping timeout");
        assertThat((Object) e.out()).isSameAs(unread); // the close flushed the queue: no ping was in it
        unread.release();
        assertThat(e.closeCode()).isEqualTo(1001);
        assertThat((Object) e.out()).isNull();
        e.finish();
    }
}
