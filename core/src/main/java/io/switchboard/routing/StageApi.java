package io.switchboard.routing;

import io.switchboard.auth.ApiAccess;
import io.switchboard.config.ApiConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.LimitsConfig;
import io.switchboard.config.RouteConfig;
import io.switchboard.integration.Integration;
import io.switchboard.integration.Integrations;
import io.switchboard.template.TemplateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One API, ready to serve at {@code /{stage}}: its routes and limits. */
public final class StageApi {

    /** Builds the integrations of the real-time stack ({@code topic}, {@code queue}) for a route. */
    @FunctionalInterface
    public interface MessagingIntegrations {
        Integration create(String stage, String routeKey, IntegrationConfig config);
    }

    private final ApiConfig config;
    private final ApiAccess access;
    private final Map<String, Route> routes;
    private final Optional<Route> connect;
    private final Optional<Route> disconnect;
    private final Optional<Route> fallback;

    /**
     * Builds an API's routes and integrations (loading handler classes, compiling templates).
     *
     * @param index     the API's position in {@code apis}, for the paths of problems
     * @param access    its authorizer, API keys and rate limits
     * @param messaging builds the {@code topic} and {@code queue} integrations
     * @throws ConfigException listing every route that cannot be built
     */
    public static StageApi build(ApiConfig config, int index, Integrations integrations, ApiAccess access,
                                 MessagingIntegrations messaging) {
        Map<String, Route> routes = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        config.routes().forEach((key, route) -> {
            String path = "apis[" + index + "].routes." + key + ".integration";
            try {
                Optional<Integration> integration = route.integration().map(i -> i instanceof IntegrationConfig.Topic
                        || i instanceof IntegrationConfig.Queue ? messaging.create(config.stage(), key, i)
                        : integrations.create(i, config.stage() + " " + key));
                Duration timeout = route.integration().map(IntegrationConfig::timeout)
                        .orElse(IntegrationConfig.DEFAULT_TIMEOUT);
                routes.put(key, new Route(key, integration, route.routeResponse(), timeout));
            } catch (IllegalArgumentException | TemplateException e) {
                problems.add(new ConfigProblem(path, e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StageApi(config, routes, access);
    }

    private StageApi(ApiConfig config, Map<String, Route> routes, ApiAccess access) {
        this.config = config;
        this.access = access;
        this.routes = Map.copyOf(routes);
        this.connect = Optional.ofNullable(routes.get(RouteConfig.CONNECT));
        this.disconnect = Optional.ofNullable(routes.get(RouteConfig.DISCONNECT));
        this.fallback = Optional.ofNullable(routes.get(RouteConfig.DEFAULT));
    }

    public String name() {
        return config.name();
    }

    public String stage() {
        return config.stage();
    }

    /** Its authorizer, API keys and rate limits. */
    public ApiAccess access() {
        return access;
    }

    public LimitsConfig limits() {
        return config.limits();
    }

    public boolean acceptBinary() {
        return config.acceptBinary();
    }

    public Map<String, String> stageVariables() {
        return config.stageVariables();
    }

    public Optional<Route> connectRoute() {
        return connect;
    }

    public Optional<Route> disconnectRoute() {
        return disconnect;
    }

    /**
     * Selects the route of a message: the route whose key equals the evaluated selection expression, else
     * {@code $default}; binary and non-JSON messages go to {@code $default}. Empty means no route: the client gets
     * {@code Forbidden}.
     */
    public Optional<Route> select(InboundMessage message) {
        if (!message.binary()) {
            Optional<String> key = config.routeSelectionExpression().evaluate(message.payload());
            if (key.isPresent()) {
                Route route = routes.get(key.get());
                if (route != null && !key.get().equals(RouteConfig.CONNECT)
                        && !key.get().equals(RouteConfig.DISCONNECT)) {
                    return Optional.of(route);
                }
            }
        }
        return fallback;
    }
}
