package io.switchboard.handler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The attributes of topic and queue messages, kept as given. */
final class MessageAttributes {

    private MessageAttributes() {
    }

    /** An unmodifiable copy that keeps the attributes' order; null names or values are refused. */
    static Map<String, String> copyOf(Map<String, String> attributes) {
        Map<String, String> copy = new LinkedHashMap<>(attributes.size() * 2);
        attributes.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "attribute name"),
                Objects.requireNonNull(value, () -> "the value of attribute " + name)));
        return Collections.unmodifiableMap(copy);
    }
}
