package io.switchboard.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A plain HTTP route of an API, served under its stage: {@code GET /receiver} answers
 * {@code GET /{stage}/receiver}. The key is written as AWS HTTP APIs write route keys, {@code METHOD /path}, where
 * {@code METHOD} may be {@code ANY} and a path segment may be a parameter, {@code /items/{id}}.
 *
 * @param key         the route key as written
 * @param method      the HTTP method, upper case, or {@code ANY}
 * @param segments    the path's segments; {@code {name}} segments match any one segment
 * @param integration the {@code function} integration that answers (its handler is a {@code HttpRouteHandler})
 */
public record HttpRouteConfig(String key, String method, List<String> segments, IntegrationConfig.Function integration) {

    /** Methods a route may name. */
    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*}");

    static HttpRouteConfig read(String key, ConfigNode n, Map<String, String> stageVariables) {
        String[] parts = key.trim().split("\\s+");
        String method = parts.length == 2 ? parts[0] : "";
        String path = parts.length == 2 ? parts[1] : "";
        List<String> segments = path.startsWith("/") ? List.of(path.substring(1).split("/", -1)) : List.of();
        if (!segments.isEmpty() && segments.get(0).startsWith("@")) {
            n.problem("paths starting with /@ belong to the management API");
        } else if (!METHODS.contains(method) || segments.isEmpty()
                || !segments.stream().allMatch(HttpRouteConfig::valid)) {
            n.problem("must be 'METHOD /path' with METHOD one of " + String.join(", ", METHODS.stream().sorted()
                    .toList()) + " and a path of segments (letters, digits, -._~ or {parameter}), not '" + key + "'");
        }
        IntegrationConfig integration = n.section("integration", i -> IntegrationConfig.read(i, stageVariables));
        IntegrationConfig.Function function;
        if (integration instanceof IntegrationConfig.Function f) {
            function = f;
        } else {
            n.problem("integration", "an HTTP route's integration must be of type function");
            function = new IntegrationConfig.Function("", IntegrationConfig.DEFAULT_TIMEOUT);
        }
        return new HttpRouteConfig(key, method, segments, function);
    }

    private static boolean valid(String segment) {
        return LITERAL.matcher(segment).matches() && !segment.equals(".") && !segment.equals("..")
                || PARAMETER.matcher(segment).matches();
    }
}
