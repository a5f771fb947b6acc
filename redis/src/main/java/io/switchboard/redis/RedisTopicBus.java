package io.switchboard.redis;

import io.switchboard.handler.TopicMessage;
import io.switchboard.topics.TopicBus;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic messages for every node on the same key prefix, over one pub/sub channel ({@code <prefix>topics}): each
 * node, the publisher too, gets every message once on its listener. A publisher's messages go out on one Lettuce
 * connection and Redis relays a channel in the order it got them, so one node's messages arrive in publication
 * order; they reach the listener on the engine's event thread, in that order. Pub/sub keeps nothing: a node that is
 * not subscribed at the moment (not started, reconnecting) misses what is published meanwhile. A message that cannot
 * be decoded is logged and dropped. {@link #publish} fails with Lettuce's exception when Redis cannot be reached.
 */
final class RedisTopicBus implements TopicBus {
    private static final Logger LOG = LoggerFactory.getLogger(RedisTopicBus.class);

    private final RedisClients clients;
    private final String channel;

    RedisTopicBus(RedisClients clients) {
        this.clients = clients;
        this.channel = clients.key("topics");
    }

    @Override
    public CompletionStage<Void> publish(TopicMessage message) {
        return clients.publish(channel, TopicMessageCodec.encode(message)).thenApply(receivers -> null);
    }

    /**
     * Delivers every message published from now on to {@code listener}, on {@code events}; completes once Redis
     * confirmed the subscription. Once per {@link RedisClients}.
     */
    CompletionStage<Void> subscribe(Executor events, Consumer<TopicMessage> listener) {
        return clients.subscribe(channel, bytes -> events.execute(() -> {
            TopicMessage message;
            try {
                message = TopicMessageCodec.decode(bytes);
            } catch (IllegalArgumentException e) {
                LOG.warn("a topic message of {} bytes on {} was dropped: {}", bytes.length, channel, e.getMessage());
                return;
            }
            listener.accept(message);
        }));
    }
}
