package io.switchboard.connections;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.switchboard.handler.GatewayError;
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
 * Delivers one message to many connections of this node: the frame is encoded once, and each event loop gets the
 * members it serves (group posts, the pusher), written by one task per loop (no copy, no task per member) that also takes every other fan-out
 * queued meanwhile and flushes each member once. The caller does not wait for the writes: it learns at once how many
 * members were open and reading. A member whose outbound queue is full is closed with 1008 rather than buffered for.
 */
public final class LocalFanOut {

    /**
     * What became of a delivery.
     *
     * @param delivered members the message was queued for
     * @param gone      members of this node that were closing or not reading
     * @param elsewhere ids this node does not hold: on another node, or gone
     */
    public record Result(int delivered, List<String> gone, List<String> elsewhere) {
    }

    /** The batches of pending fan-outs, one per event loop of this gateway. */
    private final java.util.concurrent.ConcurrentHashMap<EventLoop, LoopBatch> batches =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param ids     the members
     * @param exclude ids left out
     * @param lookup  an id's connection on this node (open or not), if it holds one
     */
    public Result deliver(Collection<String> ids, Set<String> exclude, Function<String, Optional<Connection>> lookup,
                          OutboundMessage message) {
        Map<EventLoop, List<Connection>> byLoop = new HashMap<>();
        List<String> gone = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        int delivered = 0;
        for (String id : ids) {
            if (exclude.contains(id)) {
                continue;
            }
            Optional<Connection> member = lookup.apply(id);
            if (member.isEmpty()) {
                elsewhere.add(id);
            } else if (member.get().state() != Connection.State.OPEN) { // in its closing handshake
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
        return new Result(delivered, List.copyOf(gone), List.copyOf(elsewhere));
    }

    private void writeOn(EventLoop loop, List<Connection> members, ByteBuf frame) {
        batches.computeIfAbsent(loop, LoopBatch::new).add(members, frame.retainedDuplicate());
    }

    /**
     * The fan-outs waiting for one event loop. One task drains them all: every frame is written to every member,
     * then each member is flushed once, so fan-outs that queue up while the loop is busy leave in one system call per
     * member instead of one per message.
     */
    private static final class LoopBatch implements Runnable {
        private record Pending(List<Connection> members, ByteBuf frame) {
        }

        private final EventLoop loop;
        private final java.util.concurrent.ConcurrentLinkedQueue<Pending> pending =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean scheduled =
                new java.util.concurrent.atomic.AtomicBoolean();

        LoopBatch(EventLoop loop) {
            this.loop = loop;
        }

        void add(List<Connection> members, ByteBuf frame) {
            pending.offer(new Pending(members, frame));
            if (scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(this);
                } catch (RejectedExecutionException e) { // the server is stopping: nothing will be written
                    scheduled.set(false);
                    for (Pending p = pending.poll(); p != null; p = pending.poll()) {
                        p.frame().release();
                    }
                }
            }
        }

        @Override
        public void run() {
            scheduled.set(false); // what arrives from now on gets a run of its own
            java.util.Set<Connection> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Pending p = pending.poll(); p != null; p = pending.poll()) {
                try {
                    for (Connection member : p.members()) {
                        if (member.writeFrame(p.frame().retainedDuplicate())) { // one that closed meanwhile drops it
                            written.add(member);
                        }
                    }
                } finally {
                    p.frame().release();
                }
            }
            for (Connection member : written) {
                member.flushFrames();
            }
        }
    }
}
