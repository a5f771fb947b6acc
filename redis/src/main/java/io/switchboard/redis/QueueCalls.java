package io.switchboard.redis;

import io.lettuce.core.ScriptOutputType;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.queues.QueueId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How {@link RedisQueueStore} runs its {@link QueueScripts}: the keys and standard arguments of a queue, the
 * dead-letter queue each queue was last seen with (the keys a redriving script needs, which the script checks), and
 * the replies' statuses as the gateway's exceptions. Thread-safe; no method blocks.
 */
final class QueueCalls {
    /** Queues whose dead-letter settings are remembered (and swept); beyond it each redrive check costs a retry. */
    static final int MAX_KNOWN = 10_000;

    private final RedisClients clients;
    /** Queue → its dead-letter queue's name ("" for none), as last seen. */
    private final ConcurrentHashMap<QueueId, String> known = new ConcurrentHashMap<>();

    QueueCalls(RedisClients clients) {
        this.clients = clients;
    }

    /** The queues seen to exist (at most {@value #MAX_KNOWN}), for the sweep. */
    Set<QueueId> known() {
        return Set.copyOf(known.keySet());
    }

    /**
     * Runs a script on a queue. With {@code redrive} the script may move messages to the dead-letter queue, so it
     * gets that queue's keys too: those of the one last seen, and again with the right ones when the settings name
     * another (the script says so before changing anything).
     */
    CompletionStage<List<Object>> call(Script script, QueueId queue, boolean redrive, long now, String... rest) {
        return attempt(script, queue, redrive, now, known.getOrDefault(queue, ""), rest, 0);
    }

    private CompletionStage<List<Object>> attempt(Script script, QueueId queue, boolean redrive, long now,
                                                  String deadLetters, String[] rest, int tries) {
        QueueLayout own = layout(queue);
        QueueLayout dlq = deadLetters.isEmpty() ? own : layout(new QueueId(queue.stage(), deadLetters));
        String[] keys = redrive && !deadLetters.isEmpty() ? own.keysWith(dlq) : own.keys();
        String[] args = new String[5 + rest.length];
        args[0] = Long.toString(now);
        args[1] = deadLetters;
        args[2] = queue.name();
        args[3] = own.channel();
        args[4] = dlq.channel();
        System.arraycopy(rest, 0, args, 5, rest.length);
        CompletionStage<List<Object>> run;
        try {
            Script sharding = clients.cluster() ? script.sharded() : script; // SPUBLISH on a cluster
            run = sharding.run(clients.text(), ScriptOutputType.MULTI, keys, args);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return failures(run).thenCompose(reply -> {
            String status = text(reply, 0);
            if ("OK".equals(status)) {
                remember(queue, deadLetters);
                return CompletableFuture.completedFuture(reply);
            }
            if ("NOT_FOUND".equals(status)) {
                known.remove(queue);
                return CompletableFuture.failedFuture(GatewayException.of(GatewayError.NOT_FOUND, "queue "
                        + queue.name() + " does not exist in stage " + queue.stage()));
            }
            if ("FULL".equals(status)) {
                return CompletableFuture.failedFuture(GatewayException.of(GatewayError.QUEUE_FULL, "queue "
                        + queue.name() + " holds " + text(reply, 1) + " messages, its max-messages"));
            }
            if ("DLQ".equals(status) && tries < 3) {
                String actual = text(reply, 1);
                remember(queue, actual);
                return attempt(script, queue, redrive, now, actual, rest, tries + 1);
            }
            return CompletableFuture.failedFuture(GatewayException.of(GatewayError.INTERNAL_ERROR, "queue "
                    + queue + ": unexpected answer from Redis: " + reply));
        });
    }

    /** Notes the dead-letter queue a queue was seen with, within {@value #MAX_KNOWN} queues. */
    void remember(QueueId queue, String deadLetters) {
        if (known.size() < MAX_KNOWN || known.containsKey(queue)) {
            known.put(queue, deadLetters);
        }
    }

    private QueueLayout layout(QueueId queue) {
        return QueueLayout.of(clients, queue);
    }

    /** Lettuce's failures as the gateway's; the gateway's own pass. */
    static <T> CompletionStage<T> failures(CompletionStage<T> stage) {
        return stage.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = unwrap(error);
            if (cause instanceof GatewayException) {
                return CompletableFuture.<T>failedFuture(cause);
            }
            return CompletableFuture.<T>failedFuture(new GatewayException(GatewayError.INTERNAL_ERROR,
                    "the queue store's Redis failed: " + cause.getMessage(), cause));
        }).thenCompose(s -> s);
    }

    static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** A reply's element as text (the scripts return numbers as text too). */
    static String text(List<Object> reply, int index) {
        Object value = reply.get(index);
        return value instanceof byte[] ? new String((byte[]) value, StandardCharsets.UTF_8)
                : String.valueOf(value);
    }

    static long number(List<Object> reply, int index) {
        return Long.parseLong(text(reply, index));
    }

    static int count(List<Object> reply, int index) {
        return (int) Math.min(Integer.MAX_VALUE, number(reply, index));
    }
}
