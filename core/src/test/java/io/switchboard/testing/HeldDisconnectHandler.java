package io.switchboard.testing;

import io.switchboard.handler.RouteContext;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A {@code $disconnect} handler that does not finish until the test calls {@link #release()}. */
public final class HeldDisconnectHandler implements RouteHandler {
    private static volatile CountDownLatch gate = new CountDownLatch(1);

    /** Holds every {@code $disconnect} from now until {@link #release()}. */
    public static void hold() {
        gate = new CountDownLatch(1);
    }

    public static void release() {
        gate.countDown();
    }

    @Override
    public RouteResult handle(RouteEvent event, RouteContext context) throws InterruptedException {
        gate.await(10, TimeUnit.SECONDS);
        return RouteResult.ok();
    }
}
