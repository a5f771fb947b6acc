package io.switchboard.config;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-fallback}} in configuration values with environment variables.
 *
 * <p>Only upper-case names ({@code [A-Z_][A-Z0-9_]*}) are environment variables, so the expressions the gateway itself
 * understands, such as {@code ${request.body.action}} in a selection expression or {@code ${stageVariables.url}} in a
 * URI, pass through untouched. {@code $${} writes a literal {@code ${}.
 */
final class EnvInterpolator {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?}");

    private final Function<String, Optional<String>> environment;

    EnvInterpolator(Function<String, Optional<String>> environment) {
        this.environment = environment;
    }

    static EnvInterpolator of(Map<String, String> variables) {
        return new EnvInterpolator(name -> Optional.ofNullable(variables.get(name)));
    }

    /**
     * Returns the text with every variable replaced.
     *
     * @throws IllegalArgumentException naming the variable when one is not set and has no fallback
     */
    String interpolate(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            if (m.group().equals("$${")) {
                replacement = "${";
            } else {
                String name = m.group(1);
                String fallback = m.group(2);
                replacement = environment.apply(name)
                        .or(() -> Optional.ofNullable(fallback))
                        .orElseThrow(() -> new IllegalArgumentException("environment variable " + name
                                + " is not set (write ${" + name + ":-default} to give a default)"));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
