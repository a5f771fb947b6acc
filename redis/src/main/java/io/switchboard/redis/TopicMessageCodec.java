package io.switchboard.redis;

import io.switchboard.handler.TopicMessage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes of a {@link TopicMessage} on the topic channel: a version byte, then the message id, stage, topic and
 * body as length-prefixed UTF-8 (a 4-byte length, so bodies of any size fit), the attributes as a count and
 * name–value pairs, and the timestamp. Decoding trusts nothing: every length and count is checked against what is
 * left before anything is allocated, and a message that is cut short, too long or of another version fails with
 * {@link IllegalArgumentException}.
 */
final class TopicMessageCodec {
    private static final byte VERSION = 1;

    private TopicMessageCodec() {
    }

    static byte[] encode(TopicMessage m) {
        byte[][] parts = new byte[4 + 2 * m.attributes().size()][];
        int i = 0;
        parts[i++] = utf8(m.messageId());
        parts[i++] = utf8(m.stage());
        parts[i++] = utf8(m.topic());
        parts[i++] = utf8(m.body());
        for (Map.Entry<String, String> a : m.attributes().entrySet()) {
            parts[i++] = utf8(a.getKey());
            parts[i++] = utf8(a.getValue());
        }
        int size = 1 + 4 + 8;
        for (byte[] part : parts) {
            size += 4 + part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        for (int p = 0; p < 4; p++) {
            out.putInt(parts[p].length).put(parts[p]);
        }
        out.putInt(m.attributes().size());
        for (int p = 4; p < parts.length; p++) {
            out.putInt(parts[p].length).put(parts[p]);
        }
        return out.putLong(m.timestamp()).array();
    }

    /** @throws IllegalArgumentException when the bytes are not a topic message of this version */
    static TopicMessage decode(byte[] data) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            if (in.get() != VERSION) {
                throw new IllegalArgumentException("not a topic message of version " + VERSION);
            }
            String id = string(in);
            String stage = string(in);
            String topic = string(in);
            String body = string(in);
            int count = in.getInt();
            if (count < 0 || count > in.remaining() / 8) { // each pair takes at least two 4-byte lengths
                throw new IllegalArgumentException("a topic message claims " + count + " attributes");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int a = 0; a < count; a++) {
                attributes.put(string(in), string(in));
            }
            long timestamp = in.getLong();
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("a topic message has " + in.remaining() + " bytes too many");
            }
            return new TopicMessage(id, stage, topic, body, attributes, timestamp);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a topic message is cut short", e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException("a topic message is not valid: " + e.getMessage(), e);
        }
    }

    private static String string(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a topic message claims a string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
