package io.switchboard.examples.meetings;

import io.switchboard.handler.RouteEvent;
import java.util.Optional;

/**
 * What the meetings API accepts as a display name: 1 to 40 characters without control characters, surrounding spaces
 * removed. {@link NameAuthorizer} checks it on {@code $connect}; the handlers read the result from the connection's
 * authorizer context ({@link #of}).
 */
public final class DisplayNames {
    static final int MAX_LENGTH = 40;

    private DisplayNames() {
    }

    /** The display name {@link NameAuthorizer} put in the connection's authorizer context. */
    static Optional<String> of(RouteEvent event) {
        return Optional.ofNullable(event.connection().authorizer().get(NameAuthorizer.NAME)).map(String::valueOf);
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
