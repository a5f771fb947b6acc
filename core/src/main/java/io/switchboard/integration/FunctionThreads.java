package io.switchboard.integration;

import java.util.concurrent.ArrayBlockingQueue;
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
