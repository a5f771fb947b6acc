package io.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.switchboard.connections.Connection;
import org.junit.jupiter.api.Test;

/**
 * A close started by the gateway waits {@link Connection#CLOSE_LINGER_MILLIS} for the peer's answer and then ends
 * TCP, whatever the peer does; the peer's answer ends it at once; a second close changes nothing.
 */
class ConnectionClosingTest {

    private static EmbeddedConnection open() {
        return EmbeddedConnection.open(c -> new ChannelHandler[] {new ControlFrameHandler(c)});
    }

    @Test
    void aPeerThatNeverAnswersIsDroppedAfterTheLinger() {
        EmbeddedConnection e = open();
        e.connection.close(1008, "Slow consumer");
        assertThat(e.closeCode()).isEqualTo(1008);
        e.advance(Connection.CLOSE_LINGER_MILLIS - 1);
        assertThat(e.channel.isOpen()).isTrue();
        e.advance(1);
        assertThat(e.channel.isOpen()).isFalse();
        e.finish();
    }

    @Test
    void thePeersAnswerEndsTheConnectionAtOnce() {
        EmbeddedConnection e = open();
        e.connection.close(1001, "Going away");
        e.closeCode();
        e.in(new CloseWebSocketFrame(1001, ""));
        assertThat(e.channel.isOpen()).isFalse();
        assertThat(e.connection.closeStatus().code()).isEqualTo(1001); // the gateway's code is what happened
        e.finish();
    }

    @Test
    void aSecondCloseChangesNothing() {
        EmbeddedConnection e = open();
        e.connection.close(1009, "Message too big");
        e.connection.close(1000, "again");
        assertThat(e.closeCode()).isEqualTo(1009);
        assertThat((Object) e.out()).isNull();
        assertThat(e.connection.closeStatus().code()).isEqualTo(1009);
        e.finish();
    }
}
