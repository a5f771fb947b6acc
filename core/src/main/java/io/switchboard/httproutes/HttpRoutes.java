package io.switchboard.httproutes;

import io.switchboard.config.ApiConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.HttpRouteConfig;
import io.switchboard.handler.HttpRouteHandler;
import io.switchboard.integration.Integrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The HTTP routes of one API, ready to match. Routes with fewer {@code {parameter}} segments are tried first, so
 * {@code /items/new} wins over {@code /items/{id}}; a method named exactly wins over {@code ANY}.
 */
public final class HttpRoutes {
    /** A route that serves nothing: an API without {@code http-routes}. */
    public static final HttpRoutes NONE = new HttpRoutes(List.of());

    /** One route with its handler. */
    record Route(HttpRouteConfig config, HttpRouteHandler handler) {
        Duration timeout() {
            return config.integration().timeout();
        }

        int parameters() {
            return (int) config.segments().stream().filter(s -> s.startsWith("{")).count();
        }
    }

    /** What a request's method and path select. */
    sealed interface Selection {
    }

    /** A route, with the values of its path parameters. */
    record Matched(Route route, Map<String, String> pathParameters) implements Selection {
    }

    /** Routes match the path, but none the method: 405 with {@code Allow}. */
    record WrongMethod(Set<String> allowed) implements Selection {
    }

    private final List<Route> routes;

    private HttpRoutes(List<Route> routes) {
        this.routes = routes;
    }

    /**
     * Creates the handlers of an API's HTTP routes.
     *
     * @param index the API's position in {@code apis}, for the paths of problems
     * @throws ConfigException listing every handler that cannot be created
     */
    public static HttpRoutes build(ApiConfig api, int index, Integrations integrations) {
        if (api.httpRoutes().isEmpty()) {
            return NONE;
        }
        List<Route> routes = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        api.httpRoutes().forEach((key, route) -> {
            try {
                routes.add(new Route(route, integrations.httpHandler(route.integration().handler())));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("apis[" + index + "].http-routes." + key + ".integration.handler",
                        e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        routes.sort(Comparator.comparingInt(Route::parameters)
                .thenComparing(route -> route.config().method().equals("ANY")));
        return new HttpRoutes(List.copyOf(routes));
    }

    /** Whether the API has any HTTP route. */
    public boolean isEmpty() {
        return routes.isEmpty();
    }

    /**
     * Selects the route of a request.
     *
     * @param segments the decoded path segments below the stage
     */
    Optional<Selection> select(String method, List<String> segments) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = match(route.config().segments(), segments);
            if (parameters.isEmpty()) {
                continue;
            }
            String routeMethod = route.config().method();
            if (routeMethod.equals("ANY") || routeMethod.equals(method)) {
                return Optional.of(new Matched(route, parameters.get()));
            }
            allowed.add(routeMethod);
        }
        return allowed.isEmpty() ? Optional.empty() : Optional.of(new WrongMethod(allowed));
    }

    private static Optional<Map<String, String>> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String actual = segments.get(i);
            if (expected.startsWith("{")) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(expected.substring(1, expected.length() - 1), actual);
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
