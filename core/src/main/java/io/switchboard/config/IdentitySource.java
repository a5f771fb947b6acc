package io.switchboard.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an authorizer finds the caller's identity in the upgrade request, written as on AWS:
 * {@code route.request.header.Name}, {@code route.request.querystring.name}, {@code stageVariables.name} or
 * {@code context.name}.
 *
 * @param kind where to look
 * @param name the header (case-insensitive), query parameter, stage variable or context variable
 */
public record IdentitySource(Kind kind, String name) {

    /** Where an identity source looks. */
    public enum Kind { HEADER, QUERY, STAGE_VARIABLE, CONTEXT }

    private static final Pattern SYNTAX = Pattern.compile(
            "(route\\.request\\.header|route\\.request\\.querystring|stageVariables|context)\\.([A-Za-z0-9._-]+)");

    /** Parses an identity source, or says why it cannot be one. */
    static Optional<IdentitySource> parse(String text) {
        Matcher m = SYNTAX.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        Kind kind = switch (m.group(1)) {
            case "route.request.header" -> Kind.HEADER;
            case "route.request.querystring" -> Kind.QUERY;
            case "stageVariables" -> Kind.STAGE_VARIABLE;
            default -> Kind.CONTEXT;
        };
        return Optional.of(new IdentitySource(kind, m.group(2)));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case HEADER -> "route.request.header.";
            case QUERY -> "route.request.querystring.";
            case STAGE_VARIABLE -> "stageVariables.";
            case CONTEXT -> "context.";
        } + name;
    }
}
