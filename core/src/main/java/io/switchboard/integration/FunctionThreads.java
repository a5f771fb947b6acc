package io.switchboard.integration;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool that runs {@code function} handlers. Handlers may block, so they never run on an event loop.
 * When every thread is busy and the queue is full, new calls fail at once (the client gets
 * {@code Internal server error}) instead of piling up in memory.
 */
final class FunctionThreads {

    private FunctionThreads() {
    }

    /**
     * Runs {@code call} on the function threads; fails at once with an {@link IntegrationException} when every
     * thread is busy and the queue is full.
     */
    static <T> CompletableFuture<T> submit(Executor functionThreads, Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            functionThreads.execute(() -> {
                try {
                    result.complete(call.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IntegrationException("every function thread is busy and the queue is "
                    + "full (server.function-threads, server.function-queue)", e));
        }
        return result;
    }

    static ThreadPoolExecutor create(int threads, int queue, ClassLoader handlerLoader) {
        BlockingQueue<Runnable> work = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, work, r -> {
            Thread t = new Thread(r, "switchboard-function-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(handlerLoader);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
