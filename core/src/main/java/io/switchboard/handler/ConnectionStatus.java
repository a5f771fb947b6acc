package io.switchboard.handler;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET @connections/{id}} tells of a connection.
 *
 * @param connectedAt  when the upgrade request arrived
 * @param lastActiveAt when a data frame last went either way
 * @param sourceIp     the client's address
 * @param userAgent    the client's {@code User-Agent}, if it sent one
 */
public record ConnectionStatus(Instant connectedAt, Instant lastActiveAt, String sourceIp, Optional<String> userAgent) {

    public ConnectionStatus {
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(lastActiveAt, "lastActiveAt");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
    }
}
