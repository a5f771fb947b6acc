package io.switchboard.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** One subscriber of a topic: exactly one of {@code queue}, {@code http}, {@code handler} or {@code pusher}. */
public sealed interface SubscriberConfig {

    /** Each message is sent to a queue of the same API, with its attributes. */
    record Queue(String queue) implements SubscriberConfig {
    }

    /** Each message is POSTed as JSON to a URL; failures are retried, then dead-lettered. */
    record Http(URI uri, Map<String, String> headers, Duration timeout, RetryConfig retry)
            implements SubscriberConfig {
    }

    /** Each message is passed to an in-process {@code TopicHandler} class; failures are retried, then dead-lettered. */
    record Handler(String className, RetryConfig retry) implements SubscriberConfig {
    }

    /** Each message is a notification request for the pusher. */
    record Pusher() implements SubscriberConfig {
    }

    /** SNS's HTTP delivery timeout. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    static SubscriberConfig read(ConfigNode n, Map<String, String> stageVariables) {
        int kinds = (n.has("queue") ? 1 : 0) + (n.has("http") ? 1 : 0) + (n.has("handler") ? 1 : 0)
                + (n.has("pusher") ? 1 : 0);
        if (kinds != 1) {
            n.problem("a subscriber has exactly one of queue, http, handler or pusher");
            return new Pusher();
        }
        if (n.has("queue")) {
            return new Queue(n.requiredString("queue"));
        }
        if (n.has("http")) {
            return new Http(HttpUris.read(n, "http", stageVariables), n.stringMap("headers"),
                    n.duration("timeout", DEFAULT_TIMEOUT, Duration.ofMillis(100), Duration.ofMinutes(1)),
                    RetryConfig.read(n));
        }
        if (n.has("handler")) {
            return new Handler(JavaNames.className(n, "handler"), RetryConfig.read(n));
        }
        if (!n.bool("pusher", true)) {
            n.problem("pusher", "is true or absent; remove the subscriber instead");
        }
        return new Pusher();
    }
}
