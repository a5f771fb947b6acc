package io.switchboard.testing;

import io.switchboard.handler.HandlerProvider;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.RouteResult;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers {@code provided.counter} through {@code META-INF/services}, as a jar on the class path would: a route
 * handler answering how many messages it saw, fresh for every gateway (so two gateways never share its count).
 */
public final class TestHandlerProvider implements HandlerProvider {

    @Override
    public Handlers handlers() {
        AtomicInteger seen = new AtomicInteger();
        return Handlers.builder()
                .route("provided.counter", (event, context) -> RouteResult.ok("seen " + seen.incrementAndGet()))
                .build();
    }
}
