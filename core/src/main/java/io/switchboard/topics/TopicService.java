package io.switchboard.topics;

import io.switchboard.config.RetryConfig;
import io.switchboard.config.SubscriberConfig;
import io.switchboard.config.TopicConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;
import io.switchboard.notify.NotificationRequests;
import io.switchboard.notify.Pusher;
import io.switchboard.queues.Attributes;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueService;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics of every API, as SNS topics: a publication fans out to every subscriber. Queue subscribers get the
 * message before the publication completes (a refusal fails it); webhooks, handler classes and the pusher are
 * served afterwards with retries ({@link RetryingDelivery}) and end in the topic's dead-letter queue when they keep
 * failing. All of those are served once, by the publishing node; handlers subscribed in process with
 * {@link #subscribe} are reached through the engine's {@link TopicBus} on their own node. Any thread, never blocks.
 */
public final class TopicService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicService.class);

    /** SNS's limit on a message with its attributes. */
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private record Key(String stage, String topic) {
    }

    /** One topic's subscribers. */
    private record Subscribers(List<String> queues, List<RetryingDelivery> once,
                               List<RetryingDelivery> local, DeadLetters deadLetters) {
    }

    private final Map<Key, Subscribers> topics;
    private final QueueService queues;
    private final TopicBus bus;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final Clock clock;

    /**
     * @param handlers creates the {@link TopicHandler} a subscriber names by class, from the stage and class name
     * @param workers  runs handlers and the pusher (they may block or take a while)
     */
    public TopicService(Map<String, Map<String, TopicConfig>> topicsByStage, QueueService queues, TopicBus bus,
                        Pusher pusher, BiFunction<String, String, TopicHandler> handlers, HttpClient http, Executor workers,
                        ScheduledExecutorService timers, Clock clock) {
        this.queues = queues;
        this.bus = bus;
        this.workers = workers;
        this.timers = timers;
        this.clock = clock;
        Map<Key, Subscribers> all = new HashMap<>();
        topicsByStage.forEach((stage, byName) -> byName.forEach((name, config) -> {
            DeadLetters deadLetters = deadLetters(stage, name, config.deadLetterQueue());
            List<String> queueNames = new ArrayList<>();
            List<RetryingDelivery> once = new ArrayList<>();
            for (SubscriberConfig s : config.subscribers()) {
                if (s instanceof SubscriberConfig.Queue q) {
                    queueNames.add(q.queue());
                } else if (s instanceof SubscriberConfig.Http h) {
                    Webhook webhook = new Webhook(http, h);
                    once.add(new RetryingDelivery(Webhook.describe(h.uri()), h.retry(), webhook::post, deadLetters,
                            timers));
                } else if (s instanceof SubscriberConfig.Handler h) {
                    once.add(handlerDelivery(h.className(), handlers.apply(stage, h.className()), h.retry(), deadLetters));
                } else {
                    once.add(new RetryingDelivery("pusher", RetryConfig.DEFAULTS, (m, attempt) -> CompletableFuture
                            .supplyAsync(() -> NotificationRequests.parse(m.body()), workers)
                            .thenCompose(n -> pusher.push(m.stage(), n)), deadLetters, timers));
                }
            }
            all.put(new Key(stage, name), new Subscribers(List.copyOf(queueNames), List.copyOf(once),
                    new CopyOnWriteArrayList<>(), deadLetters));
        }));
        this.topics = Map.copyOf(all);
    }

    /** Whether the stage has the topic. */
    public boolean exists(String stage, String topic) {
        return topics.containsKey(new Key(stage, topic));
    }

    /**
     * Publishes a caller's message: 404 for an unknown topic, 400 for more than 10 attributes or a bad name, 413 over
     * 256 KB. Completes with the message id once every queue subscriber has it.
     */
    public CompletionStage<String> publish(String stage, String topic, String body, Map<String, String> attributes) {
        try {
            Attributes.check(body, attributes, MAX_MESSAGE_BYTES);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        return publishInternal(stage, topic, body, attributes);
    }

    /** Publishes a message the gateway made (a route's, presence): no limit on the number of attributes. */
    public CompletionStage<String> publishInternal(String stage, String topic, String body,
                                                   Map<String, String> attributes) {
        Subscribers subscribers = topics.get(new Key(stage, topic));
        try {
            if (subscribers == null) {
                throw GatewayException.of(GatewayError.NOT_FOUND, "no topic " + topic + " in stage " + stage);
            }
            Attributes.check(body, Map.of(), MAX_MESSAGE_BYTES);
        } catch (GatewayException e) {
            return CompletableFuture.failedFuture(e);
        }
        TopicMessage message = new TopicMessage(UUID.randomUUID().toString(), stage, topic, body, attributes,
                clock.millis());
        List<CompletableFuture<?>> accepted = new ArrayList<>();
        for (String queue : subscribers.queues()) {
            accepted.add(queues.sendInternal(stage, queue, NewMessage.of(body, attributes)).toCompletableFuture());
        }
        subscribers.once().forEach(d -> d.deliver(message));
        accepted.add(bus.publish(message).toCompletableFuture()); // subscriptions in process, on any node
        return CompletableFuture.allOf(accepted.toArray(CompletableFuture[]::new)).thenApply(done -> message.messageId());
    }

    /**
     * Subscribes a handler on this node: it gets every message published to the topic from now on (on any node),
     * with the retries and dead-letter queue of the topic's handler subscribers. Close the result to unsubscribe.
     *
     * @throws GatewayException {@code NOT_FOUND} for an unknown topic
     */
    public AutoCloseable subscribe(String stage, String topic, TopicHandler handler) {
        Subscribers subscribers = topics.get(new Key(stage, topic));
        if (subscribers == null) {
            throw GatewayException.of(GatewayError.NOT_FOUND, "no topic " + topic + " in stage " + stage);
        }
        RetryingDelivery delivery = handlerDelivery(handler.getClass().getName(), handler, RetryConfig.DEFAULTS,
                subscribers.deadLetters());
        subscribers.local().add(delivery);
        return () -> {
            subscribers.local().remove(delivery);
            delivery.close();
        };
    }

    /** A message from the bus: this node's in-process subscriptions get it. */
    public void received(TopicMessage message) {
        Subscribers subscribers = topics.get(new Key(message.stage(), message.topic()));
        if (subscribers != null) {
            subscribers.local().forEach(d -> d.deliver(message));
        }
    }

    /** Deliveries under way or waiting for a retry, over every subscriber (for tests and shutdown). */
    public int pending() {
        return topics.values().stream().mapToInt(s -> s.once().stream().mapToInt(RetryingDelivery::pending).sum()
                + s.local().stream().mapToInt(RetryingDelivery::pending).sum()).sum();
    }

    /** Dead-letters every delivery waiting for a retry, so that stopping loses none of them. */
    @Override
    public void close() {
        topics.values().forEach(s -> {
            s.once().forEach(RetryingDelivery::close);
            s.local().forEach(RetryingDelivery::close);
        });
    }

    private RetryingDelivery handlerDelivery(String name, TopicHandler handler, RetryConfig retry,
                                             DeadLetters deadLetters) {
        return new RetryingDelivery(name, retry, (m, attempt) -> CompletableFuture.runAsync(() -> {
            try {
                handler.handle(m);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, workers), deadLetters, timers);
    }

    private DeadLetters deadLetters(String stage, String topic, Optional<String> queue) {
        return (message, subscriber, reason) -> {
            if (queue.isEmpty()) {
                LOG.warn("message {} of topic {} in {} was not delivered to {} and the topic has no dead-letter queue;"
                        + " it is dropped", message.messageId(), topic, stage, subscriber, reason);
                return CompletableFuture.completedFuture(null);
            }
            LOG.info("message {} of topic {} in {} goes to dead-letter queue {}: {} failed ({})", message.messageId(),
                    topic, stage, queue.get(), subscriber, String.valueOf(reason));
            Map<String, String> attributes = new LinkedHashMap<>(message.attributes());
            attributes.put("dead_letter_topic", topic);
            attributes.put("dead_letter_subscriber", subscriber);
            attributes.put("dead_letter_reason", truncate(String.valueOf(reason)));
            return queues.sendInternal(stage, queue.get(), NewMessage.of(message.body(), attributes))
                    .whenComplete((id, error) -> {
                        if (error != null) {
                            LOG.warn("message {} of topic {} in {} could not be dead-lettered to {}; it is dropped",
                                    message.messageId(), topic, stage, queue.get(), error);
                        }
                    });
        };
    }

    private static String truncate(String text) {
        return text.length() <= 256 ? text : text.substring(0, 256);
    }
}
