package io.switchboard.config;

import io.switchboard.expr.SelectionExpression;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One WebSocket API, served at {@code /{stage}}.
 *
 * @param name                     the API's name, also {@code requestContext.apiId} in events
 * @param stage                    the stage name: the URL path, unique on a server
 * @param stageVariables           values for {@code $stageVariables} in templates and {@code ${stageVariables.x}} in URIs
 * @param routeSelectionExpression picks the route of each message, {@code $request.body.action} by default
 * @param acceptBinary             whether binary frames are accepted (they reach integrations base64-encoded, with
 *                                 {@code isBase64Encoded: true}, on {@code $default}); AWS closes with 1003
 * @param limits                   frame, message, idle and duration limits
 * @param routes                   the routes by key, in file order
 * @param httpRoutes               plain HTTP routes served under the stage ({@code GET /receiver}), in file order
 * @param access                   authorizers, API keys and usage plans, throttling
 * @param realtime                 the connections store, presence, topics and queues
 */
public record ApiConfig(
        String name,
        String stage,
        Map<String, String> stageVariables,
        SelectionExpression routeSelectionExpression,
        boolean acceptBinary,
        LimitsConfig limits,
        Map<String, RouteConfig> routes,
        Map<String, HttpRouteConfig> httpRoutes,
        AccessConfig access,
        RealtimeConfig realtime) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]+");

    static ApiConfig read(ConfigNode n) {
        String name = n.requiredString("name");
        if (!name.isEmpty() && !NAME.matcher(name).matches()) {
            n.problem("name", "may contain only letters, digits, '-' and '_' (at most 128)");
        }
        String stage = n.requiredString("stage");
        if (!stage.isEmpty() && !NAME.matcher(stage).matches()) {
            n.problem("stage", "may contain only letters, digits, '-' and '_' (at most 128)");
        }
        Map<String, String> stageVariables = n.stringMap("stage-variables");
        stageVariables.forEach((key, value) -> {
            if (!VARIABLE_NAME.matcher(key).matches()) {
                n.problem("stage-variables", "variable name '" + key + "' may contain only letters, digits and '_'");
            }
            if (!VARIABLE_VALUE.matcher(value).matches()) {
                n.problem("stage-variables", "the value of " + key + " may contain only letters, digits and "
                        + "-._~:/?#&=,");
            }
        });
        SelectionExpression selection = SelectionExpression.DEFAULT;
        String expression = n.string("route-selection-expression", SelectionExpression.DEFAULT.source());
        try {
            selection = SelectionExpression.parse(expression);
        } catch (IllegalArgumentException e) {
            n.problem("route-selection-expression", e.getMessage());
        }
        boolean acceptBinary = n.bool("accept-binary", false);
        LimitsConfig limits = n.section("limits", LimitsConfig::read);
        Map<String, RouteConfig> routes = n.namedSections("routes",
                (key, route) -> RouteConfig.read(key, route, stageVariables));
        if (routes.isEmpty()) {
            n.problem("routes", "at least one route is required");
        }
        Map<String, HttpRouteConfig> httpRoutes = n.namedSections("http-routes",
                (key, route) -> HttpRouteConfig.read(key, route, stageVariables));
        AccessConfig access = AccessConfig.read(n, stageVariables);
        checkAccess(n, routes, access);
        RealtimeConfig realtime = RealtimeConfig.read(n, limits, stageVariables);
        realtime.checkRoutes(n, routes);
        return new ApiConfig(name, stage, stageVariables, selection, acceptBinary, limits, routes, httpRoutes, access,
                realtime);
    }

    /** Routes name authorizers that exist, and keys are required only where some can be known. */
    private static void checkAccess(ConfigNode n, Map<String, RouteConfig> routes, AccessConfig access) {
        routes.forEach((key, route) -> route.access().authorizer().ifPresent(name -> {
            if (access.authorizer(name).isEmpty()) {
                n.problem("routes." + key + ".authorizer", "no authorizer is named '" + name + "'");
            }
        }));
        boolean keysRequired = routes.values().stream().anyMatch(r -> r.access().apiKeyRequired());
        if (keysRequired && access.usagePlans().isEmpty()) {
            n.problem("usage-plans", "a route has api-key-required: true, so at least one usage plan with API keys "
                    + "is needed");
        }
        if (access.apiKeySource() == AccessConfig.ApiKeySource.AUTHORIZER) {
            boolean requestAuthorizer = Optional.ofNullable(routes.get(RouteConfig.CONNECT))
                    .flatMap(r -> r.access().authorizer()).flatMap(access::authorizer)
                    .filter(a -> a instanceof AuthorizerConfig.Request).isPresent();
            if (!requestAuthorizer) {
                n.problem("api-key-selection-expression", "$context.authorizer.usageIdentifierKey needs a request "
                        + "authorizer on $connect to tell the key");
            }
        }
    }
}
