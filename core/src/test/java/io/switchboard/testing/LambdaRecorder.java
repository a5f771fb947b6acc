package io.switchboard.testing;

import io.switchboard.handler.RouteEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda handler classes are created by class name, as on AWS, so they report through this static holder; everything
 * else uses an instance {@link Recorder}. Only the AWS Lambda handler classes of this package
 * ({@link LambdaEchoHandler}, {@link SqsLambdaConsumer}, {@link SnsLambdaSubscriber}, {@link PolicyAuthorizer}) write
 * here, and only the tests of them read it, each from a stage of its own.
 */
public final class LambdaRecorder {
    private static final ConcurrentHashMap<String, BlockingQueue<Object>> EVENTS = new ConcurrentHashMap<>();

    private LambdaRecorder() {
    }

    public static void record(String stage, Object event) {
        queue(stage).add(event);
    }

    /** The next event recorded for a stage; fails after 10 s. */
    @SuppressWarnings("unchecked")
    public static <T> T next(String stage) {
        try {
            Object event = queue(stage).poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("no event recorded for stage " + stage);
            }
            return (T) event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The next event of a stage that is a {@link RouteEvent} of the given route. */
    public static RouteEvent nextFor(String stage, String routeKey) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Object event = next(stage);
            if (event instanceof RouteEvent e && e.routeKey().equals(routeKey)) {
                return e;
            }
        }
        throw new AssertionError("no " + routeKey + " event recorded for stage " + stage);
    }

    /** The next event of a stage that matches; events before it are dropped. */
    public static RouteEvent await(String stage, java.util.function.Predicate<RouteEvent> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Object event = next(stage);
            if (event instanceof RouteEvent e && matching.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching event recorded for stage " + stage);
    }

    public static void clear(String stage) {
        queue(stage).clear();
    }

    private static BlockingQueue<Object> queue(String stage) {
        return EVENTS.computeIfAbsent(stage, s -> new LinkedBlockingQueue<>());
    }
}
