package io.switchboard.config;

import io.switchboard.expr.MessageExpression;
import io.switchboard.template.TemplateEngine;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where a route sends its events: one of the integration types, chosen by {@code type}. */
public sealed interface IntegrationConfig {

    /** AWS's default and maximum integration timeout. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);
    /** AWS's minimum integration timeout. */
    Duration MIN_TIMEOUT = Duration.ofMillis(50);

    /** {@code ${stageVariables.name}} in an HTTP integration's URI. */
    Pattern STAGE_VARIABLE = HttpUris.STAGE_VARIABLE;

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

    /**
     * Publishes the client's message to a topic of the same API, with the attributes {@code user_id},
     * {@code timestamp} and {@code source}; answers at once, on the event loop.
     *
     * @param topic   the topic
     * @param message what is published: {@code $request.body.path} (the value at a JSONPath of the message, text as
     *                it is, anything else as JSON) or {@code $request.body} (the whole message)
     */
    record Topic(String topic, MessageExpression message) implements IntegrationConfig {
        @Override
        public Duration timeout() {
            return DEFAULT_TIMEOUT;
        }
    }

    /**
     * Sends the client's message to a queue of the same API, with the attributes {@code user_id},
     * {@code timestamp} and {@code source}.
     *
     * @param queue   the queue
     * @param message what is sent, as for {@link Topic}
     * @param delay   how long the message stays hidden; empty for the queue's {@code delay}
     */
    record Queue(String queue, MessageExpression message, Optional<Duration> delay) implements IntegrationConfig {
        @Override
        public Duration timeout() {
            return DEFAULT_TIMEOUT;
        }
    }

    /** What a {@code topic} or {@code queue} integration sends by default: SUMU's {@code message} field. */
    String DEFAULT_MESSAGE = "$request.body.message";

    /** Reads an integration; {@code ${stageVariables.name}} in an HTTP URI is replaced by the stage variable. */
    static IntegrationConfig read(ConfigNode n, Map<String, String> stageVariables) {
        String type = n.requiredString("type");
        return switch (type) {
            case "function" -> new Function(JavaNames.className(n, "handler"), timeout(n));
            case "http" -> new Http(HttpUris.read(n, "uri", stageVariables), n.stringMap("headers"), timeout(n));
            case "mock" -> new Mock(template(n, "request-template"), template(n, "response-template"));
            case "topic" -> new Topic(n.requiredString("topic"), message(n));
            case "queue" -> new Queue(n.requiredString("queue"), message(n), n.optionalString("delay").isPresent()
                    ? Optional.of(n.duration("delay", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(15)))
                    : Optional.empty());
            case "" -> new Mock(Optional.empty(), Optional.empty());
            default -> {
                n.problem("type", "must be function, http, mock, topic or queue, not '" + type + "'");
                yield new Mock(Optional.empty(), Optional.empty());
            }
        };
    }

    private static Duration timeout(ConfigNode n) {
        return n.duration("timeout", DEFAULT_TIMEOUT, MIN_TIMEOUT, DEFAULT_TIMEOUT);
    }

    private static MessageExpression message(ConfigNode n) {
        try {
            return MessageExpression.parse(n.string("message", DEFAULT_MESSAGE));
        } catch (IllegalArgumentException e) {
            n.problem("message", e.getMessage());
            return MessageExpression.parse(DEFAULT_MESSAGE);
        }
    }

    private static Optional<String> template(ConfigNode n, String key) {
        Optional<String> text = n.optionalString(key);
        text.flatMap(TemplateEngine::syntaxError).ifPresent(error -> n.problem(key, error));
        return text;
    }
}
