package io.switchboard.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code http://} and {@code https://} URLs from configuration (integrations, webhook subscribers). */
final class HttpUris {
    /** {@code ${stageVariables.name}} in a URL. */
    static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    private HttpUris() {
    }

    /** The URL at {@code key}, with {@code ${stageVariables.name}} replaced; problems are recorded. */
    static URI read(ConfigNode n, String key, Map<String, String> stageVariables) {
        String text = n.requiredString(key);
        Matcher m = STAGE_VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = stageVariables.get(m.group(1));
            if (value == null) {
                n.problem(key, "uses stage variable " + m.group(1) + ", which stage-variables does not define");
                value = "";
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        try {
            URI uri = new URI(resolved.toString());
            if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                if (uri.getHost() == null) {
                    n.problem(key, "has no host: '" + resolved + "'");
                }
                return uri;
            }
            if (!text.isEmpty()) {
                n.problem(key, "must be an http:// or https:// URL, not '" + resolved + "'");
            }
        } catch (URISyntaxException e) {
            n.problem(key, "is not a URL: " + e.getMessage());
        }
        return URI.create("http://invalid.invalid/");
    }
}
