package io.switchboard.handler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What stays the same for every event of one connection.
 *
 * @param connectionId the connection's id, the handle for {@code @connections/{id}}
 * @param connectedAt  when the upgrade request arrived, epoch milliseconds
 * @param sourceIp     the client's address
 * @param userAgent    the client's {@code User-Agent}, if it sent one
 * @param apiId        the API's name
 * @param stage        the stage name
 * @param domainName   the host clients and backends reach the gateway at ({@code server.domain-name} or the
 *                     {@code Host} header), so that {@code https://{domainName}/{stage}} is the management endpoint
 * @param authorizer   {@code principalId} and the authorizer's context, empty when no authorizer ran
 */
public record ConnectionInfo(
        String connectionId,
        long connectedAt,
        String sourceIp,
        Optional<String> userAgent,
        String apiId,
        String stage,
        String domainName,
        Map<String, Object> authorizer) {

    public ConnectionInfo {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(domainName, "domainName");
        authorizer = Map.copyOf(authorizer);
    }
}
