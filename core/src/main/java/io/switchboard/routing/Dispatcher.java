package io.switchboard.routing;

import io.netty.buffer.Unpooled;
import io.switchboard.connections.Connection;
import io.switchboard.connections.ConnectionIds;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import io.switchboard.integration.Invoker;
import io.switchboard.integration.Outcome;
import io.switchboard.observability.AccessLog;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Runs the lifecycle and message routes of connections: selects the route, calls its integration through the
 * connection's ordered lane, and answers the client (route response or error frame). Called on the connection's
 * event loop.
 */
public final class Dispatcher {
    private final AccessLog accessLog;
    private final WorkTracker work;
    private final Function<String, ApiServices> servicesOfStage;

    /**
     * @param servicesOfStage the in-process management API of each stage, for the handlers of its routes
     */
    public Dispatcher(AccessLog accessLog, WorkTracker work, Function<String, ApiServices> servicesOfStage) {
        this.accessLog = accessLog;
        this.work = work;
        this.servicesOfStage = servicesOfStage;
    }

    /** Runs {@code $connect}; no route or no integration accepts the connection. */
    public CompletionStage<ConnectDecision> connect(StageApi api, Connection connection, RouteEvent event) {
        Optional<Route> route = api.connectRoute().filter(r -> r.integration().isPresent());
        if (route.isEmpty()) {
            return CompletableFuture.completedFuture(ConnectDecision.ACCEPT);
        }
        CompletableFuture<ConnectDecision> decision = new CompletableFuture<>();
        run(connection, route.get(), event, ADMITTED, outcome -> decision.complete(decide(outcome)));
        return decision;
    }

    /** Routes one message: {@code Forbidden} when nothing matches, else the integration and its answer. */
    public void message(StageApi api, Connection connection, InboundMessage message) {
        String requestId = ConnectionIds.requestId();
        Optional<Route> selected = api.select(message);
        if (selected.isEmpty()) {
            deliver(connection, connection.send(GatewayError.ROUTE_NOT_FOUND.errorFrame(connection.id(), requestId)));
            RouteEvent event = Events.message(api, connection.info(), "", message, requestId);
            accessLog.message(event, GatewayError.ROUTE_NOT_FOUND.httpStatus(), OptionalLong.empty(),
                    Optional.of(GatewayError.ROUTE_NOT_FOUND));
            return;
        }
        Route route = selected.get();
        RouteEvent event = Events.message(api, connection.info(), route.key(), message, requestId);
        CompletableFuture<Optional<GatewayError>> admitted = api.access().limits()
                .admitMessage(connection.allowance(), route.key()).toCompletableFuture();
        if (admitted.isDone() && admitted.join().isPresent()) { // throttled: the integration never sees it
            refuse(connection, event, admitted.join().get());
            return;
        }
        run(connection, route, event, admitted, outcome -> {
            respond(connection, route, event, outcome);
            accessLog.message(event, outcome.status(), OptionalLong.of(outcome.latencyMillis()), outcome.error());
        });
    }

    /** Answers a message that its limits refused with an error frame; the connection stays open. */
    private void refuse(Connection connection, RouteEvent event, GatewayError error) {
        deliver(connection, connection.send(error.errorFrame(connection.id(), event.requestId())));
        accessLog.message(event, error.httpStatus(), OptionalLong.empty(), Optional.of(error));
    }

    /**
     * Runs {@code $disconnect} once, for a connection that {@code $connect} accepted; completes when its integration
     * has answered (at once when there is none, or when it was already dispatched).
     */
    public CompletionStage<Void> disconnect(StageApi api, Connection connection) {
        if (!connection.takeDisconnect()) {
            return CompletableFuture.completedFuture(null);
        }
        RouteEvent event = Events.disconnect(api, connection.info(), connection.host(), connection.closeStatus());
        Optional<Route> route = api.disconnectRoute().filter(r -> r.integration().isPresent());
        if (route.isEmpty()) {
            accessLog.disconnect(event, 200, OptionalLong.empty(), Optional.empty());
            return CompletableFuture.completedFuture(null);
        }
        return run(connection, route.get(), event, ADMITTED, outcome -> accessLog.disconnect(event, outcome.status(),
                OptionalLong.of(outcome.latencyMillis()), outcome.error()));
    }

    private static final CompletableFuture<Optional<GatewayError>> ADMITTED =
            CompletableFuture.completedFuture(Optional.empty());

    /**
     * Queues the integration call on the connection's lane. {@code admitted} is the answer of the message's limits:
     * when it is still open (a quota counted on another node) the call waits for it in its place in the lane, so the
     * connection's messages keep their order.
     */
    private CompletionStage<Void> run(Connection connection, Route route, RouteEvent event,
                                      CompletableFuture<Optional<GatewayError>> admitted,
                                      java.util.function.Consumer<Outcome> then) {
        work.begin();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ApiServices services = servicesOfStage.apply(connection.info().stage());
        var loop = connection.channel().eventLoop();
        java.util.function.Supplier<CompletionStage<Void>> call = () -> Invoker.invoke(
                route.integration().orElseThrow(), event, route.timeout(), services, loop).thenAccept(then);
        connection.lane().submit(() -> (admitted.isDone() ? call.get() : admitted.thenComposeAsync(refused -> {
            if (refused.isPresent()) {
                refuse(connection, event, refused.get());
                return CompletableFuture.<Void>completedFuture(null);
            }
            return call.get();
        }, loop)).whenComplete((ignored, error) -> {
            work.end();
            done.complete(null);
        }));
        return done;
    }

    private static ConnectDecision decide(Outcome outcome) {
        OptionalLong latency = OptionalLong.of(outcome.latencyMillis());
        if (outcome.error().isPresent()) {
            GatewayError error = outcome.error().get();
            return new ConnectDecision(error.httpStatus(), Optional.empty(), Optional.of(error), latency);
        }
        RouteResult result = outcome.result().orElseThrow();
        return new ConnectDecision(result.statusCode(), result.header("Sec-WebSocket-Protocol"), Optional.empty(),
                latency);
    }

    private static void respond(Connection connection, Route route, RouteEvent event, Outcome outcome) {
        if (outcome.error().isPresent()) {
            deliver(connection, connection.send(outcome.error().get().errorFrame(connection.id(), event.requestId())));
            return;
        }
        RouteResult result = outcome.result().orElseThrow();
        if (!route.routeResponse() || result.body().isEmpty()) {
            return;
        }
        if (!result.base64Encoded()) {
            deliver(connection, connection.send(result.body().get()));
            return;
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(result.body().get());
        } catch (IllegalArgumentException e) {
            deliver(connection, connection.send(GatewayError.INTEGRATION_FAILURE.errorFrame(connection.id(),
                    event.requestId())));
            return;
        }
        deliver(connection, connection.sendBinary(Unpooled.wrappedBuffer(data)));
    }

    /** A client that stopped reading is closed rather than buffered for without limit. */
    private static void deliver(Connection connection, Connection.SendResult result) {
        if (result == Connection.SendResult.FULL) {
            connection.close(GatewayError.SLOW_CONSUMER);
        }
    }
}
