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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Delivers one message to many connections of this node: the frame is encoded once, and each event loop gets one
 * task that writes a duplicate of that buffer to each of its connections (no copy, no task per member). A member
 * whose outbound queue is full is closed with 1008 rather than buffered for.
 */
final class LocalFanOut {

    /** What became of a delivery: members written to, and the ids that were gone. */
    record Result(int delivered, List<String> gone) {
    }

    private LocalFanOut() {
    }

    /**
     * @param ids     the members
     * @param exclude ids left out
     * @param lookup  an id's open connection on this node, if any
     */
    static CompletionStage<Result> deliver(Collection<String> ids, Set<String> exclude,
                                           Function<String, java.util.Optional<Connection>> lookup,
                                           OutboundMessage message) {
        Map<EventLoop, List<Connection>> byLoop = new HashMap<>();
        List<String> gone = new ArrayList<>();
        for (String id : ids) {
            if (exclude.contains(id)) {
                continue;
            }
            lookup.apply(id).ifPresentOrElse(
                    c -> byLoop.computeIfAbsent(c.channel().eventLoop(), loop -> new ArrayList<>()).add(c),
                    () -> gone.add(id));
        }
        if (byLoop.isEmpty()) {
            return CompletableFuture.completedFuture(new Result(0, List.copyOf(gone)));
        }
        ByteBuf frame = message.encodeFrame(ByteBufAllocator.DEFAULT);
        List<CompletableFuture<Result>> parts = new ArrayList<>(byLoop.size());
        byLoop.forEach((loop, members) -> parts.add(onLoop(loop, members, frame)));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            frame.release();
            int delivered = 0;
            for (CompletableFuture<Result> part : parts) {
                Result r = part.join();
                delivered += r.delivered();
                gone.addAll(r.gone());
            }
            return new Result(delivered, List.copyOf(gone));
        });
    }

    private static CompletableFuture<Result> onLoop(EventLoop loop, List<Connection> members, ByteBuf frame) {
        CompletableFuture<Result> done = new CompletableFuture<>();
        Runnable write = () -> done.complete(writeAll(members, frame));
        try {
            if (loop.inEventLoop()) {
                write.run();
            } else {
                loop.execute(write);
            }
        } catch (RejectedExecutionException e) { // the server is stopping: these members are as good as gone
            done.complete(new Result(0, members.stream().map(Connection::id).toList()));
        }
        return done;
    }

    private static Result writeAll(List<Connection> members, ByteBuf frame) {
        int delivered = 0;
        List<String> gone = new ArrayList<>();
        for (Connection member : members) {
            switch (member.sendFrame(frame.retainedDuplicate())) {
                case SENT -> delivered++;
                case FULL -> {
                    member.close(GatewayError.SLOW_CONSUMER);
                    gone.add(member.id());
                }
                case GONE -> gone.add(member.id());
            }
        }
        return new Result(delivered, gone);
    }
}
