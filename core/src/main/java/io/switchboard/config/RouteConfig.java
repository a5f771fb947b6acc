package io.switchboard.config;

import java.util.Map;
import java.util.Optional;

/**
 * One route of an API.
 *
 * @param key           the route key: {@code $connect}, {@code $disconnect}, {@code $default} or a custom key matched
 *                      exactly against the evaluated route selection expression
 * @param integration   where the route's events go; optional for {@code $connect} and {@code $disconnect} only
 * @param routeResponse whether the integration's answer is sent back to the client (two-way route); AWS's
 *                      {@code RouteResponseSelectionExpression: $default}
 * @param access        its authorizer, API key requirement and throttling
 */
public record RouteConfig(String key, Optional<IntegrationConfig> integration, boolean routeResponse,
                          RouteAccess access) {

    public static final String CONNECT = "$connect";
    public static final String DISCONNECT = "$disconnect";
    public static final String DEFAULT = "$default";

    static RouteConfig read(String key, ConfigNode n, Map<String, String> stageVariables) {
        if (key.isEmpty()) {
            n.problem("a route key must not be empty");
        } else if (key.startsWith("$") && !key.equals(CONNECT) && !key.equals(DISCONNECT) && !key.equals(DEFAULT)) {
            n.problem("route keys starting with $ are reserved; only $connect, $disconnect and $default exist");
        }
        Optional<IntegrationConfig> integration = n.optionalSection("integration",
                i -> IntegrationConfig.read(i, stageVariables));
        boolean lifecycle = key.equals(CONNECT) || key.equals(DISCONNECT);
        if (integration.isEmpty() && !lifecycle) {
            n.problem("integration", "is required: a message route needs somewhere to send its messages");
        }
        boolean routeResponse = n.bool("route-response", false);
        if (routeResponse && key.equals(DISCONNECT)) {
            n.problem("route-response", "cannot be used on $disconnect: the connection is already closed");
        }
        return new RouteConfig(key, integration, routeResponse, RouteAccess.read(key, n));
    }
}
