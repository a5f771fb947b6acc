package io.switchboard.connections;

import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.ToIntFunction;

/**
 * The operations of {@code @connections}, shared by the HTTP API and the in-process API: send to, inspect and close
 * one client of a stage. A connection of another stage, one still inside {@code $connect} and a closing one are all
 * gone, as on AWS. Failures are {@link GatewayException}s naming the catalogue entry. Any thread.
 */
public final class ConnectionService {
    /** The reason {@code $disconnect} reports after a management delete, as AWS words it. */
    public static final String DELETED_REASON = "Connection Closed Normally";

    private final ConnectionRegistry registry;
    private final ToIntFunction<String> messageLimit;

    /**
     * @param messageLimit the largest message (bytes) each stage accepts, {@code limits.message-bytes}
     */
    public ConnectionService(ConnectionRegistry registry, ToIntFunction<String> messageLimit) {
        this.registry = registry;
        this.messageLimit = messageLimit;
    }

    /** An open connection of the stage. */
    public Optional<Connection> find(String stage, String connectionId) {
        return registry.find(connectionId)
                .filter(c -> c.info().stage().equals(stage) && c.state() == Connection.State.OPEN);
    }

    /** Fails with 413 when the message is over the stage's limit. */
    public void checkSize(String stage, OutboundMessage message) {
        int limit = messageLimit.applyAsInt(stage);
        if (message.size() > limit) {
            throw GatewayException.of(GatewayError.PAYLOAD_TOO_LARGE, "the message has " + message.size()
                    + " bytes; this API accepts at most " + limit);
        }
    }

    /** Sends one message: 413 over the limit, 410 when gone, 429 when the client's outbound queue is full. */
    public CompletionStage<Void> post(String stage, String connectionId, OutboundMessage message) {
        try {
            checkSize(stage, message);
            Connection connection = open(stage, connectionId);
            Connection.SendResult result = connection.send(message);
            if (result == Connection.SendResult.GONE) {
                throw gone(connectionId);
            }
            if (result == Connection.SendResult.FULL) { // closed as everywhere else: its queue must not stay held
                connection.close(GatewayError.SLOW_CONSUMER);
                throw GatewayException.of(GatewayError.LIMIT_EXCEEDED, "connection " + connectionId
                        + " is not reading and its outbound queue is full");
            }
            return CompletableFuture.completedFuture(null);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** What {@code GET @connections/{id}} answers. */
    public CompletionStage<ConnectionStatus> info(String stage, String connectionId) {
        try {
            Connection c = open(stage, connectionId);
            return CompletableFuture.completedFuture(new ConnectionStatus(Instant.ofEpochMilli(c.info().connectedAt()),
                    Instant.ofEpochMilli(c.lastActiveAt()), c.info().sourceIp(), c.info().userAgent()));
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Closes with 1000; {@code $disconnect} reports {@value #DELETED_REASON}. */
    public CompletionStage<Void> delete(String stage, String connectionId) {
        try {
            open(stage, connectionId).close(1000, DELETED_REASON);
            return CompletableFuture.completedFuture(null);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Connection open(String stage, String connectionId) {
        return find(stage, connectionId).orElseThrow(() -> gone(connectionId));
    }

    private static GatewayException gone(String connectionId) {
        return GatewayException.of(GatewayError.GONE, "connection " + connectionId + " is gone");
    }
}
