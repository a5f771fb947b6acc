package io.switchboard.groups;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.switchboard.connections.Connection;
import io.switchboard.connections.OutboundMessage;
import io.switchboard.errors.GatewayError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Delivers one message to many connections of this node: the frame is encoded once, and each event loop gets one
 * task that writes a duplicate of that buffer to each of its connections (no copy, no task per member). The caller
 * does not wait for the writes: it learns at once how many members were open and reading. A member whose outbound
 * queue is full is closed with 1008 rather than buffered for.
 */
final class LocalFanOut {

    /** What became of a delivery: members the message was queued for, and the ids that were gone. */
    record Result(int delivered, List<String> gone) {
    }

    private LocalFanOut() {
    }

    /**
     * @param ids     the members
     * @param exclude ids left out
     * @param lookup  an id's open connection on this node, if any
     */
    static Result deliver(Collection<String> ids, Set<String> exclude, Function<String, Optional<Connection>> lookup,
                          OutboundMessage message) {
        Map<EventLoop, List<Connection>> byLoop = new HashMap<>();
        List<String> gone = new ArrayList<>();
        int delivered = 0;
        for (String id : ids) {
            if (exclude.contains(id)) {
                continue;
            }
            Optional<Connection> member = lookup.apply(id);
            if (member.isEmpty()) {
                gone.add(id);
            } else if (!member.get().channel().isWritable()) { // its queue is over limits.outbound-bytes
                member.get().close(GatewayError.SLOW_CONSUMER);
                gone.add(id);
            } else {
                byLoop.computeIfAbsent(member.get().channel().eventLoop(), loop -> new ArrayList<>()).add(member.get());
                delivered++;
            }
        }
        if (!byLoop.isEmpty()) {
            ByteBuf frame = message.encodeFrame(ByteBufAllocator.DEFAULT);
            byLoop.forEach((loop, members) -> writeOn(loop, members, frame));
            frame.release();
        }
        return new Result(delivered, List.copyOf(gone));
    }

    private static void writeOn(EventLoop loop, List<Connection> members, ByteBuf frame) {
        ByteBuf mine = frame.retainedDuplicate();
        Runnable write = () -> {
            try {
                for (Connection member : members) {
                    member.sendFrame(mine.retainedDuplicate()); // one that closed meanwhile just drops it
                }
            } finally {
                mine.release();
            }
        };
        if (loop.inEventLoop()) {
            write.run();
            return;
        }
        try {
            loop.execute(write);
        } catch (RejectedExecutionException e) { // the server is stopping
            mine.release();
        }
    }
}
