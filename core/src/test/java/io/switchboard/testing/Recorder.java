package io.switchboard.testing;

import io.switchboard.handler.RouteEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where test handlers leave the events they received, by stage, for the test to inspect. Each test class makes its
 * own and gives it to the handler instances it registers by name ({@code Handlers.builder().route("recording", new
 * RecordingHandler(recorder))}), so tests share no state. AWS Lambda handler classes, created by class name, report
 * through {@link LambdaRecorder} instead.
 */
public final class Recorder {
    private final ConcurrentHashMap<String, BlockingQueue<Object>> events = new ConcurrentHashMap<>();

    public void record(String stage, Object event) {
        queue(stage).add(event);
    }

    /** The next event recorded for a stage; fails after 10 s. */
    @SuppressWarnings("unchecked")
    public <T> T next(String stage) {
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
    public RouteEvent nextFor(String stage, String routeKey) {
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
    public RouteEvent await(String stage, java.util.function.Predicate<RouteEvent> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Object event = next(stage);
            if (event instanceof RouteEvent e && matching.test(e)) {
                return e;
            }
        }
        throw new AssertionError("no matching event recorded for stage " + stage);
    }

    public void clear(String stage) {
        queue(stage).clear();
    }

    private BlockingQueue<Object> queue(String stage) {
        return events.computeIfAbsent(stage, s -> new LinkedBlockingQueue<>());
    }
}
