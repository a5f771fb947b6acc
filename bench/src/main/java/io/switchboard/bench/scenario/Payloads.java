package io.switchboard.bench.scenario;

import io.netty.buffer.ByteBuf;

/**
 * The load generator's own messages: {@code <kind>|<source>|<sequence>|<nanoTime>|<padding>}, plain ASCII with no
 * character that needs escaping in JSON, so that every server passes them through unchanged.
 * {@link System#nanoTime()} is the machine's monotonic clock, comparable between processes on one machine.
 */
public final class Payloads {

    private Payloads() {
    }

    public static String make(char kind, int source, long sequence, int size) {
        return make(kind, source, sequence, System.nanoTime(), size);
    }

    /** A payload stamped with {@code nanoTime} (a scheduled send time, say) instead of now. */
    public static String make(char kind, int source, long sequence, long nanoTime, int size) {
        StringBuilder b = new StringBuilder(size + 32).append(kind).append('|').append(source).append('|')
                .append(sequence).append('|').append(nanoTime).append('|');
        while (b.length() < size) {
            b.append('x');
        }
        return b.toString();
    }

    public static boolean is(ByteBuf payload, char kind) {
        return payload.readableBytes() > 2 && payload.getByte(payload.readerIndex()) == kind
                && payload.getByte(payload.readerIndex() + 1) == '|';
    }

    /** The {@code field}-th number of a payload (0: source, 1: sequence, 2: nanoTime). */
    public static long field(ByteBuf payload, int field) {
        int i = payload.readerIndex() + 2;
        int end = payload.writerIndex();
        for (int skip = 0; skip < field; skip++) {
            while (i < end && payload.getByte(i) != '|') {
                i++;
            }
            i++;
        }
        long value = 0;
        while (i < end) {
            byte c = payload.getByte(i++);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static boolean startsWith(ByteBuf payload, String prefix) {
        if (payload.readableBytes() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (payload.getByte(payload.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the payload mentions {@code word} (a join or arrival notice, whatever its framing). */
    public static boolean mentions(ByteBuf payload, String word) {
        int n = Math.min(payload.readableBytes(), 256);
        outer:
        for (int i = 0; i + word.length() <= n; i++) {
            for (int j = 0; j < word.length(); j++) {
                if (payload.getByte(payload.readerIndex() + i + j) != word.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
