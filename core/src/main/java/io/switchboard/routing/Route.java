package io.switchboard.routing;

import io.switchboard.integration.Integration;
import java.time.Duration;
import java.util.Optional;

/**
 * A route ready to serve.
 *
 * @param key           the route key
 * @param integration   where its events go; empty for a {@code $connect} or {@code $disconnect} without one
 * @param routeResponse whether the integration's answer goes back to the client
 * @param timeout       how long to wait for the integration
 */
public record Route(String key, Optional<Integration> integration, boolean routeResponse, Duration timeout) {
}
