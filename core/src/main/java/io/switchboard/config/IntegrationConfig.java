package io.switchboard.config;

import io.switchboard.template.TemplateEngine;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a route sends its events: one of the integration types, chosen by {@code type}. */
public sealed interface IntegrationConfig {

    /** AWS's default and maximum integration timeout. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);
    /** AWS's minimum integration timeout. */
    Duration MIN_TIMEOUT = Duration.ofMillis(50);

    /** {@code ${stageVariables.name}} in an HTTP integration's URI. */
    Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    /** How long the gateway waits for the integration's answer. */
    Duration timeout();

    /**
     * An in-process Java class: a {@code RouteHandler}, or an AWS Lambda {@code RequestHandler} or
     * {@code RequestStreamHandler}, run on the function threads.
     */
    record Function(String handler, Duration timeout) implements IntegrationConfig {
    }

    /** POSTs the Lambda proxy event as JSON to {@code uri} and reads a Lambda proxy response. */
    record Http(URI uri, Map<String, String> headers, Duration timeout) implements IntegrationConfig {
    }

    /** Answers from Velocity templates, on the event loop, without calling anything. */
    record Mock(Optional<String> requestTemplate, Optional<String> responseTemplate) implements IntegrationConfig {
        @Override
        public Duration timeout() {
            return DEFAULT_TIMEOUT;
        }
    }

    /** Reads an integration; {@code ${stageVariables.name}} in an HTTP URI is replaced by the stage variable. */
    static IntegrationConfig read(ConfigNode n, Map<String, String> stageVariables) {
        String type = n.requiredString("type");
        return switch (type) {
            case "function" -> new Function(className(n), timeout(n));
            case "http" -> new Http(uri(n, stageVariables), n.stringMap("headers"), timeout(n));
            case "mock" -> new Mock(template(n, "request-template"), template(n, "response-template"));
            case "" -> new Mock(Optional.empty(), Optional.empty());
            default -> {
                n.problem("type", "must be function, http or mock, not '" + type + "'");
                yield new Mock(Optional.empty(), Optional.empty());
            }
        };
    }

    private static Duration timeout(ConfigNode n) {
        return n.duration("timeout", DEFAULT_TIMEOUT, MIN_TIMEOUT, DEFAULT_TIMEOUT);
    }

    private static String className(ConfigNode n) {
        String handler = n.requiredString("handler");
        if (!handler.isEmpty() && !handler.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
            n.problem("handler", "'" + handler + "' is not a Java class name");
        }
        return handler;
    }

    private static URI uri(ConfigNode n, Map<String, String> stageVariables) {
        String text = n.requiredString("uri");
        Matcher m = STAGE_VARIABLE.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String value = stageVariables.get(m.group(1));
            if (value == null) {
                n.problem("uri", "uses stage variable " + m.group(1) + ", which stage-variables does not define");
                value = "";
            }
            m.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        m.appendTail(resolved);
        try {
            URI uri = new URI(resolved.toString());
            if ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) {
                if (uri.getHost() == null) {
                    n.problem("uri", "has no host: '" + resolved + "'");
                }
                return uri;
            }
            if (!text.isEmpty()) {
                n.problem("uri", "must be an http:// or https:// URL, not '" + resolved + "'");
            }
        } catch (URISyntaxException e) {
            n.problem("uri", "is not a URL: " + e.getMessage());
        }
        return URI.create("http://invalid.invalid/");
    }

    private static Optional<String> template(ConfigNode n, String key) {
        Optional<String> text = n.optionalString(key);
        text.flatMap(TemplateEngine::syntaxError).ifPresent(error -> n.problem(key, error));
        return text;
    }
}
