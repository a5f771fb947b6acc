package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.TopicMessage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Topic messages cross as bytes intact, and bytes that are not one fail cleanly, whatever they claim. */
class TopicMessageCodecTest {
    private static final TopicMessage MESSAGE = new TopicMessage("m1", "prod", "news",
            "h\u00e9llo \ud83d\udc4b " + "x".repeat(70_000), Map.of("user_id", "alice", "source", "test"), 42);

    @Test
    void aMessageSurvivesTheRoundTrip() {
        assertThat(TopicMessageCodec.decode(TopicMessageCodec.encode(MESSAGE))).isEqualTo(MESSAGE);
        TopicMessage bare = new TopicMessage("", "s", "t", "", Map.of(), -1);
        assertThat(TopicMessageCodec.decode(TopicMessageCodec.encode(bare))).isEqualTo(bare);
    }

    @Test
    void everyTruncationFailsWithIllegalArgument() {
        byte[] bytes = TopicMessageCodec.encode(new TopicMessage("m", "s", "t", "body", Map.of("k", "v"), 7));
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> TopicMessageCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> TopicMessageCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hugeClaimsAreRefusedBeforeAnythingIsAllocated() {
        byte[] claimsAString = ByteBuffer.allocate(9).put((byte) 1).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> TopicMessageCodec.decode(claimsAString)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claims a string");
        ByteBuffer attributes = ByteBuffer.allocate(1 + 4 * 4 + 4 + 8).put((byte) 1);
        for (int i = 0; i < 4; i++) {
            attributes.putInt(0);
        }
        byte[] claimsAttributes = attributes.putInt(Integer.MAX_VALUE).putLong(0).array();
        assertThatThrownBy(() -> TopicMessageCodec.decode(claimsAttributes))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attributes");
        assertThatThrownBy(() -> TopicMessageCodec.decode(new byte[] {9})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version");
    }
}
