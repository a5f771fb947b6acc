package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.http.ManagementResponses;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a management request when its operation completes, on the request's event loop. */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    /** Runs {@code onSuccess} with the result, or answers the operation's error. */
    static <T> void when(ChannelHandlerContext ctx, CompletionStage<T> operation, boolean keepAlive,
                         Consumer<T> onSuccess) {
        operation.whenComplete((result, failure) -> {
            if (failure instanceof java.util.concurrent.CancellationException) {
                return; // cancelled because the caller hung up: nobody to answer
            }
            Runnable reply = () -> {
                if (failure == null) {
                    onSuccess.accept(result);
                } else {
                    fail(ctx, failure, keepAlive);
                }
            };
            if (ctx.executor().inEventLoop()) {
                reply.run();
            } else {
                ctx.executor().execute(reply);
            }
        });
    }

    /**
     * Starts an operation and answers as {@link #when} does; an operation that throws while starting (a request it
     * cannot read) is answered with its error too.
     */
    static <T> void call(ChannelHandlerContext ctx, java.util.function.Supplier<CompletionStage<T>> operation,
                         boolean keepAlive, Consumer<T> onSuccess) {
        CompletionStage<T> started;
        try {
            started = operation.get();
        } catch (RuntimeException e) {
            started = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        when(ctx, started, keepAlive, onSuccess);
    }

    private static void fail(ChannelHandlerContext ctx, Throwable failure, boolean keepAlive) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof GatewayException e) {
            ManagementResponses.error(ctx, e.error(), e.getMessage(), keepAlive);
        } else {
            LOG.warn("management operation failed", cause);
            ManagementResponses.error(ctx, GatewayError.INTERNAL_ERROR, GatewayError.INTERNAL_ERROR.message(),
                    keepAlive);
        }
    }
}
