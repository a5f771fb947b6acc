package io.switchboard.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections one gateway keeps to Redis, shared by every store: one for commands with text values, one for
 * commands with byte values (node commands carry encoded frames), and one subscribed to this node's channels. Each
 * is a single multiplexed Lettuce connection, safe from any thread; commands time out after
 * {@code engine.redis.command-timeout}, and the connections reconnect by themselves.
 */
public final class RedisClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisClients.class);

    private final RedisSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> text;
    private final StatefulRedisConnection<byte[], byte[]> bytes;
    private final StatefulRedisPubSubConnection<byte[], byte[]> subscriptions;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();

    private RedisClients(RedisSettings settings) {
        this.settings = settings;
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
        RedisURI uri = RedisURI.create(settings.uri());
        settings.password().ifPresent(p -> uri.setAuthentication(p.toCharArray()));
        if (settings.database() != 0) {
            uri.setDatabase(settings.database());
        }
        uri.setTimeout(settings.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .socketOptions(SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true)
                        .build())
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                // While Redis is away, commands fail at once instead of queueing without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        StatefulRedisConnection<String, String> t = null;
        StatefulRedisConnection<byte[], byte[]> b = null;
        StatefulRedisPubSubConnection<byte[], byte[]> s = null;
        try {
            t = client.connect(StringCodec.UTF8);
            b = client.connect(ByteArrayCodec.INSTANCE);
            s = client.connectPubSub(ByteArrayCodec.INSTANCE);
        } catch (RuntimeException e) {
            closeQuietly(t, b, s);
            client.shutdown(0, 2, TimeUnit.SECONDS);
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new IllegalStateException("cannot reach Redis at " + settings.describe() + ": " + e.getMessage(),
                    e);
        }
        this.text = t;
        this.bytes = b;
        this.subscriptions = s;
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                Consumer<byte[]> handler = handlers.get(new String(channel, StandardCharsets.UTF_8));
                if (handler != null) {
                    try {
                        handler.accept(message);
                    } catch (RuntimeException e) {
                        LOG.warn("a message on {} could not be handled", new String(channel,
                                StandardCharsets.UTF_8), e);
                    }
                }
            }
        });
    }

    /**
     * Connects to the Redis the settings name.
     *
     * @throws IllegalStateException when it cannot be reached (the message names the server, never the password)
     */
    public static RedisClients connect(RedisSettings settings) {
        return new RedisClients(settings);
    }

    public RedisSettings settings() {
        return settings;
    }

    /** Commands with text keys and values. */
    public RedisAsyncCommands<String, String> text() {
        return text.async();
    }

    /** Commands with byte keys and values. */
    public RedisAsyncCommands<byte[], byte[]> bytes() {
        return bytes.async();
    }

    /** A key or channel name: the prefix, then the parts joined by {@code :}. */
    public String key(String... parts) {
        return settings.keyPrefix() + String.join(":", parts);
    }

    /**
     * Subscribes {@code handler} to a channel (named with {@link #key}); it runs on a Lettuce thread, must not block,
     * and gets messages in the order Redis sent them. Completes once Redis confirmed the subscription.
     */
    public CompletionStage<Void> subscribe(String channel, Consumer<byte[]> handler) {
        handlers.put(channel, handler);
        return subscriptions.async().subscribe(channel.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes to a channel; completes with how many subscribers got it. */
    public CompletionStage<Long> publish(String channel, byte[] message) {
        return bytes.async().publish(channel.getBytes(StandardCharsets.UTF_8), message);
    }

    @Override
    public void close() {
        closeQuietly(subscriptions, bytes, text);
        client.shutdown(0, 2, TimeUnit.SECONDS);
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static void closeQuietly(AutoCloseable... closeables) {
        for (AutoCloseable c : closeables) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing a Redis connection failed", e);
                }
            }
        }
    }
}
