package io.switchboard.auth;

import io.switchboard.config.IdentitySource;
import io.switchboard.handler.RouteEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads identity sources from a {@code $connect} event. */
final class IdentityValues {

    private IdentityValues() {
    }

    /** The value of one source; empty when missing or blank. */
    static Optional<String> of(IdentitySource source, RouteEvent event) {
        Optional<String> value = switch (source.kind()) {
            case HEADER -> event.header(source.name());
            case QUERY -> Optional.ofNullable(event.queryStringParameters().get(source.name()));
            case STAGE_VARIABLE -> Optional.ofNullable(event.stageVariables().get(source.name()));
            case CONTEXT -> context(source.name(), event);
        };
        return value.filter(v -> !v.isBlank());
    }

    /** Every source's value, or empty when any is missing (AWS then answers 401 without calling the authorizer). */
    static Optional<List<String>> all(List<IdentitySource> sources, RouteEvent event) {
        List<String> values = new ArrayList<>(sources.size());
        for (IdentitySource source : sources) {
            Optional<String> value = of(source, event);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            values.add(value.get());
        }
        return Optional.of(values);
    }

    /** The first source that has a value. */
    static Optional<String> first(List<IdentitySource> sources, RouteEvent event) {
        for (IdentitySource source : sources) {
            Optional<String> value = of(source, event);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> context(String name, RouteEvent event) {
        var c = event.connection();
        return Optional.ofNullable(switch (name) {
            case "connectionId" -> c.connectionId();
            case "requestId", "extendedRequestId" -> event.requestId();
            case "routeKey" -> event.routeKey();
            case "eventType" -> event.eventType().name();
            case "stage" -> c.stage();
            case "apiId" -> c.apiId();
            case "domainName" -> c.domainName();
            case "identity.sourceIp" -> c.sourceIp();
            case "identity.userAgent" -> c.userAgent().orElse(null);
            default -> null;
        });
    }
}
