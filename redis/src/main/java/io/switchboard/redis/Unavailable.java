package io.switchboard.redis;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns "Redis cannot be reached" into the catalogue's {@link GatewayError#ENGINE_UNAVAILABLE} (503) at the edge of
 * every store, whatever the store: a Lettuce connection failure, a command timeout, a command refused while the
 * connection is down, or a Redis Cluster with no master for the slot. Every caller (management API, route integrations, in-process services) then answers the same
 * clear error instead of an internal one. Other failures pass unchanged.
 */
final class Unavailable {
    private static final Logger LOG = LoggerFactory.getLogger(Unavailable.class);

    private Unavailable() {
    }

    /**
     * {@code store} seen through {@code type}, an interface whose methods all return {@code CompletionStage} (the
     * engine SPI's stores) or values that are not calls to Redis.
     */
    static <T> T mapped(Class<T> type, T store) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof CompletionStage<?> stage) {
                return stage.handle((value, error) -> error == null ? CompletableFuture.completedFuture(value)
                        : CompletableFuture.failedFuture(map(error))).thenCompose(x -> x);
            }
            return result;
        }));
    }

    /** The error a caller sees for {@code error}. */
    static Throwable map(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
                    || (t instanceof RedisException && !(t instanceof io.lettuce.core.RedisCommandExecutionException))
                    || t instanceof java.io.IOException // the connection reset under a command in flight
                    || clusterNotServing(t)) {
                LOG.debug("Redis cannot be reached", t);
                return GatewayException.of(GatewayError.ENGINE_UNAVAILABLE,
                        "the engine's Redis cannot be reached; try again");
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return cause;
    }

    /**
     * A Redis Cluster's answer that its slot has no master at the moment ({@code CLUSTERDOWN}, {@code TRYAGAIN}
     * during a slot move, {@code MASTERDOWN}), or a Redis still reading its data after a restart ({@code LOADING}):
     * as unreachable as a server that is down.
     */
    private static boolean clusterNotServing(Throwable t) {
        String message = t instanceof io.lettuce.core.RedisCommandExecutionException ? t.getMessage() : null;
        return message != null && (message.startsWith("CLUSTERDOWN") || message.startsWith("TRYAGAIN")
                || message.startsWith("MASTERDOWN") || message.startsWith("LOADING"));
    }
}
