package io.switchboard.testing;

import io.switchboard.handler.RouteEvent;
import java.util.function.Predicate;

/**
 * Lambda handler classes are created by class name, as on AWS, so they report through this static holder; everything
 * else uses an instance {@link Recorder}. Only the AWS Lambda handler classes of this package
 * ({@link LambdaEchoHandler}, {@link SqsLambdaConsumer}, {@link SnsLambdaSubscriber}, {@link PolicyAuthorizer}) write
 * here, and only the tests of them read it, each from a stage of its own.
 */
public final class LambdaRecorder {
    private static final Recorder EVENTS = new Recorder();

    private LambdaRecorder() {
    }

    public static void record(String stage, Object event) {
        EVENTS.record(stage, event);
    }

    /** The next event recorded for a stage; fails after 10 s. */
    public static <T> T next(String stage) {
        return EVENTS.next(stage);
    }

    /** The next event of a stage that is a {@link RouteEvent} of the given route. */
    public static RouteEvent nextFor(String stage, String routeKey) {
        return EVENTS.nextFor(stage, routeKey);
    }

    /** The next event of a stage that matches; events before it are dropped. */
    public static RouteEvent await(String stage, Predicate<RouteEvent> matching) {
        return EVENTS.await(stage, matching);
    }

    public static void clear(String stage) {
        EVENTS.clear(stage);
    }
}
