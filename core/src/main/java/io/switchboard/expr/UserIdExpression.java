package io.switchboard.expr;

import io.switchboard.handler.RouteEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code connections.user-id}: which user a connection belongs to, evaluated once against its CONNECT event when it
 * opens. One variable:
 * <ul>
 *   <li>{@code $context.authorizer.principalId} (the default), or any other {@code $context.authorizer.name[.name…]}:
 *       what the {@code $connect} authorizer returned, read from
 *       {@link io.switchboard.handler.ConnectionInfo#authorizer()};</li>
 *   <li>{@code $context.connectionId}, {@code $context.identity.sourceIp};</li>
 *   <li>{@code $request.querystring.name}, {@code $request.header.name}: what the client sent, unverified (for
 *       development, or behind a proxy that authenticates).</li>
 * </ul>
 * A variable without a value (no authorizer ran, no such parameter) falls back to the connection id, so every
 * connection has a user and a user without an identity has exactly one connection.
 */
public final class UserIdExpression {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_$@:-]+");
    private static final String AUTHORIZER = "$context.authorizer.";
    private static final String QUERY = "$request.querystring.";
    private static final String HEADER = "$request.header.";

    /** AWS's usual mapping of the connections table's key: the authorizer's principal. */
    public static final UserIdExpression DEFAULT = parse("$context.authorizer.principalId");

    private enum Source { AUTHORIZER, CONNECTION_ID, SOURCE_IP, QUERY, HEADER }

    private final String text;
    private final Source source;
    private final List<String> path;

    private UserIdExpression(String text, Source source, List<String> path) {
        this.text = text;
        this.source = source;
        this.path = path;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static UserIdExpression parse(String text) {
        String t = text.trim();
        if (t.equals("$context.connectionId")) {
            return new UserIdExpression(t, Source.CONNECTION_ID, List.of());
        }
        if (t.equals("$context.identity.sourceIp")) {
            return new UserIdExpression(t, Source.SOURCE_IP, List.of());
        }
        if (t.startsWith(AUTHORIZER)) {
            return new UserIdExpression(t, Source.AUTHORIZER, names(t, t.substring(AUTHORIZER.length()), true));
        }
        if (t.startsWith(QUERY)) {
            return new UserIdExpression(t, Source.QUERY, names(t, t.substring(QUERY.length()), false));
        }
        if (t.startsWith(HEADER)) {
            return new UserIdExpression(t, Source.HEADER, names(t, t.substring(HEADER.length()), false));
        }
        throw new IllegalArgumentException("'" + text + "' is not a user id expression; use "
                + "$context.authorizer.principalId (or another $context.authorizer.name), $context.connectionId, "
                + "$context.identity.sourceIp, $request.querystring.name or $request.header.name"
                + Suggestions.didYouMean(meant(t)));
    }

    /** What a value missing its {@code $}, or with a misspelt {@code context.xxx} or {@code request.xxx}, meant. */
    private static Optional<String> meant(String t) {
        String name = t.startsWith("$") ? t.substring(1) : t;
        Optional<String> meant = Suggestions.nearest(t, List.of("$context.connectionId",
                "$context.identity.sourceIp"));
        for (String prefix : List.of(AUTHORIZER, QUERY, HEADER)) {
            String words = prefix.substring(1, prefix.length() - 1);
            meant = meant.or(() -> name.startsWith(words + ".") ? Optional.of("$" + name)
                    : Suggestions.correctPrefix(name, words).map(n -> "$" + n));
        }
        return meant.filter(m -> !m.equals(t)).filter(m -> {
            try {
                parse(m);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    private static List<String> names(String text, String rest, boolean dotted) {
        List<String> names = dotted ? Arrays.asList(rest.split("\\.", -1)) : List.of(rest);
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("'" + text + "' names no valid field after the prefix");
            }
        }
        return List.copyOf(names);
    }

    /** The user of the connection that {@code connect} (its CONNECT event) opened. */
    public String userId(RouteEvent connect) {
        return evaluate(connect).orElse(connect.connectionId());
    }

    /** The expression's value for a connection; empty when it has none (or only blanks). */
    public Optional<String> evaluate(RouteEvent connect) {
        Object value = switch (source) {
            case CONNECTION_ID -> connect.connectionId();
            case SOURCE_IP -> connect.connection().sourceIp();
            case QUERY -> connect.queryStringParameters().get(path.get(0));
            case HEADER -> connect.header(path.get(0)).orElse(null);
            case AUTHORIZER -> authorizerValue(connect.connection().authorizer(), path);
        };
        return Optional.ofNullable(value).map(String::valueOf).filter(s -> !s.isBlank());
    }

    /** Follows a path through the authorizer's result: {@code principalId}, then context keys (maps nest). */
    private static Object authorizerValue(Map<String, Object> authorizer, List<String> path) {
        Object value = authorizer;
        for (String name : path) {
            value = value instanceof Map<?, ?> map ? map.get(name) : null;
        }
        return value instanceof Map<?, ?> || value instanceof java.util.Collection<?> ? null : value;
    }

    @Override
    public String toString() {
        return text;
    }
}
