package io.switchboard.examples.meetings;

import java.util.Optional;

/**
 * The meetings API's {@code $connect} check, kept apart from any handler so that it can move into a REQUEST
 * authorizer unchanged ({@code identity-source: route.request.querystring.name}) once authorizers exist: a client
 * connects with {@code ?name=…}, a display name of 1 to 40 characters without control characters, and anything else
 * is refused with 401, as seed 000's authorizer refuses a request without its query parameter.
 */
public final class DisplayNames {
    static final int MAX_LENGTH = 40;

    private DisplayNames() {
    }

    /** The cleaned-up name, or empty when it may not be used. */
    public static Optional<String> check(Optional<String> name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String trimmed = name.get().strip();
        if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH
                || trimmed.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            return Optional.empty();
        }
        return Optional.of(trimmed);
    }
}
