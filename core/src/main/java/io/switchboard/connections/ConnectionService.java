package io.switchboard.connections;

import io.switchboard.handler.ConnectionStatus;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
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

    private final Delivery delivery;
    private final ToIntFunction<String> messageLimit;

    /**
     * @param messageLimit the largest message (bytes) each stage accepts, {@code limits.message-bytes}
     */
    public ConnectionService(Delivery delivery, ToIntFunction<String> messageLimit) {
        this.delivery = delivery;
        this.messageLimit = messageLimit;
    }

    /** An open connection of the stage on this node. */
    public Optional<Connection> find(String stage, String connectionId) {
        return delivery.local(stage, connectionId);
    }

    /** Whether the connection is open on this node or recorded on another. */
    public CompletionStage<Boolean> exists(String stage, String connectionId) {
        return delivery.exists(stage, connectionId);
    }

    /** Where messages for connections go (here, or the node holding them). */
    public Delivery delivery() {
        return delivery;
    }

    /** Fails with 413 when the message is over the stage's limit. */
    public void checkSize(String stage, OutboundMessage message) {
        int limit = messageLimit.applyAsInt(stage);
        if (message.size() > limit) {
            throw GatewayException.of(GatewayError.PAYLOAD_TOO_LARGE, "the message has " + message.size()
                    + " bytes; this API accepts at most " + limit);
        }
    }

    /**
     * Sends one message: 413 over the limit, 410 when gone, 429 when the client's outbound queue is full. A
     * connection held by another node is handed to it, and counts as sent.
     */
    public CompletionStage<Void> post(String stage, String connectionId, OutboundMessage message) {
        try {
            checkSize(stage, message);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return delivery.post(stage, connectionId, message).thenApply(result -> {
            if (result == Connection.SendResult.GONE) {
                throw gone(connectionId);
            }
            if (result == Connection.SendResult.FULL) { // closed as everywhere else: its queue must not stay held
                delivery.local(stage, connectionId).ifPresent(c -> c.close(GatewayError.SLOW_CONSUMER));
                throw GatewayException.of(GatewayError.LIMIT_EXCEEDED, "connection " + connectionId
                        + " is not reading and its outbound queue is full");
            }
            return null;
        });
    }

    /** What {@code GET @connections/{id}} answers, wherever the connection is. */
    public CompletionStage<ConnectionStatus> info(String stage, String connectionId) {
        return delivery.status(stage, connectionId)
                .thenApply(status -> status.orElseThrow(() -> gone(connectionId)));
    }

    /** Closes with 1000; {@code $disconnect} reports {@value #DELETED_REASON}. */
    public CompletionStage<Void> delete(String stage, String connectionId) {
        return delivery.close(stage, connectionId, 1000, DELETED_REASON).thenApply(closed -> {
            if (!closed) {
                throw gone(connectionId);
            }
            return null;
        });
    }

    private static GatewayException gone(String connectionId) {
        return GatewayException.of(GatewayError.GONE, "connection " + connectionId + " is gone");
    }
}
