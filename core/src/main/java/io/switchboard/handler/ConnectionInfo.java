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
 * @param authorizer   {@code principalId} and the authorizer's context, empty when no authorizer ran; AWS's
 *                     {@code requestContext.authorizer} and {@code $context.authorizer.*}
 * @param apiKey       the API key the connection was opened with, when a usage plan knows it
 */
public record ConnectionInfo(
        String connectionId,
        long connectedAt,
        String sourceIp,
        Optional<String> userAgent,
        String apiId,
        String stage,
        String domainName,
        Map<String, Object> authorizer,
        Optional<ApiKeyIdentity> apiKey) {

    /** A connection without an API key. */
    public ConnectionInfo(String connectionId, long connectedAt, String sourceIp, Optional<String> userAgent,
                          String apiId, String stage, String domainName, Map<String, Object> authorizer) {
        this(connectionId, connectedAt, sourceIp, userAgent, apiId, stage, domainName, authorizer, Optional.empty());
    }

    /**
     * The API key of a connection: its id and the value the client (or the authorizer) gave.
     *
     * @param id    {@code $context.identity.apiKeyId}
     * @param value {@code $context.identity.apiKey}; {@link #toString()} hides it
     */
    public record ApiKeyIdentity(String id, String value) {
        @Override
        public String toString() {
            return "ApiKeyIdentity[id=" + id + ", value=****]";
        }
    }

    public ConnectionInfo {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(apiId, "apiId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(domainName, "domainName");
        authorizer = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(authorizer));
        Objects.requireNonNull(apiKey, "apiKey");
    }

    /** The authorizer's {@code principalId}: who the connection belongs to, when an authorizer ran. */
    public Optional<String> principalId() {
        return Optional.ofNullable(authorizer.get("principalId")).map(String::valueOf);
    }

    /** A copy with what the authorizer and the API key check decided on {@code $connect}. */
    public ConnectionInfo withAccess(Map<String, Object> newAuthorizer, Optional<ApiKeyIdentity> newApiKey) {
        return new ConnectionInfo(connectionId, connectedAt, sourceIp, userAgent, apiId, stage, domainName,
                newAuthorizer, newApiKey);
    }
}
