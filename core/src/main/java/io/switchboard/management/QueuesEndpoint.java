package io.switchboard.management;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.QueueMessage;
import io.switchboard.http.ManagementResponses;
import io.switchboard.queues.NewMessage;
import io.switchboard.queues.QueueService;
import io.switchboard.queues.QueueStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import tools.jackson.databind.JsonNode;

/**
 * Queues over HTTP, with SQS's operations and limits:
 * <ul>
 *   <li>{@code POST /{stage}/@queues/{queue}/messages} with {@code {"body": …, "attributes": {…},
 *       "delay_seconds": n}} sends, answering {@code {"message_id":"…"}};</li>
 *   <li>{@code GET …/messages?max_messages=1..10&wait_seconds=0..20&visibility_timeout=s} receives (a long poll
 *       while {@code wait_seconds} lasts), answering {@code {"messages":[…]}};</li>
 *   <li>{@code DELETE …/messages/{receipt}} deletes (204);</li>
 *   <li>{@code POST …/messages/{receipt}/visibility} with {@code {"visibility_timeout": s}} hides or shows (204);</li>
 *   <li>{@code GET /{stage}/@queues/{queue}} counts its messages.</li>
 * </ul>
 * A client that hangs up during a long poll ends it, and whatever arrives meanwhile stays for other receivers.
 */
final class QueuesEndpoint {
    private static final int MAX_VISIBILITY_SECONDS = (int) QueueService.MAX_VISIBILITY.toSeconds();

    private final QueueService queues;

    QueuesEndpoint(QueueService queues) {
        this.queues = queues;
    }

    void queue(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String queue, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.GET)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@queues/{queue} takes GET", keepAlive);
            return;
        }
        Replies.call(ctx, () -> queues.stats(stage, queue), keepAlive,
                stats -> ManagementResponses.json(ctx, describe(queue, stats), keepAlive));
    }

    void messages(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String queue, boolean keepAlive) {
        HttpMethod method = request.method();
        if (method.equals(HttpMethod.POST)) {
            Replies.call(ctx, () -> {
                JsonNode body = JsonRequests.object(request);
                Optional<Duration> delay = JsonRequests.integer(body, "delay_seconds", 0,
                        (int) QueueService.MAX_DELAY.toSeconds()).map(Duration::ofSeconds);
                return queues.send(stage, queue, new NewMessage(JsonRequests.text(body, "body"),
                        JsonRequests.attributes(body), delay));
            }, keepAlive, id -> ManagementResponses.json(ctx, Map.of("message_id", id), keepAlive));
        } else if (method.equals(HttpMethod.GET)) {
            Replies.call(ctx, () -> {
                int max = JsonRequests.query(request, "max_messages", 1, QueueService.MAX_RECEIVE).orElse(1);
                int wait = JsonRequests.query(request, "wait_seconds", 0, (int) QueueService.MAX_WAIT.toSeconds())
                        .orElse(0);
                Optional<Duration> visibility = JsonRequests.query(request, "visibility_timeout", 0,
                        MAX_VISIBILITY_SECONDS).map(Duration::ofSeconds);
                CompletionStage<List<QueueMessage>> receiving = queues.receive(stage, queue, max,
                        Duration.ofSeconds(wait), visibility);
                if (wait > 0 && !receiving.toCompletableFuture().isDone()) {
                    ChannelFutureListener hungUp = f -> receiving.toCompletableFuture().cancel(false);
                    ctx.channel().closeFuture().addListener(hungUp);
                    receiving.whenComplete((got, error) -> ctx.channel().closeFuture().removeListener(hungUp));
                }
                return receiving;
            }, keepAlive, got -> ManagementResponses.json(ctx, Map.of("messages", got.stream()
                    .map(QueuesEndpoint::describe).toList()), keepAlive));
        } else {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@queues/{queue}/messages takes POST and "
                    + "GET", keepAlive);
        }
    }

    void receipt(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String queue, String receipt,
                 boolean keepAlive) {
        if (!request.method().equals(HttpMethod.DELETE)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@queues/{queue}/messages/{receipt} takes "
                    + "DELETE", keepAlive);
            return;
        }
        Replies.call(ctx, () -> queues.delete(stage, queue, receipt), keepAlive,
                ok -> ManagementResponses.empty(ctx, HttpResponseStatus.NO_CONTENT, keepAlive));
    }

    void visibility(ChannelHandlerContext ctx, FullHttpRequest request, String stage, String queue, String receipt,
                    boolean keepAlive) {
        if (!request.method().equals(HttpMethod.POST)) {
            ManagementResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, "@queues/{queue}/messages/{receipt}/"
                    + "visibility takes POST", keepAlive);
            return;
        }
        Replies.call(ctx, () -> {
            int seconds = JsonRequests.integer(JsonRequests.object(request), "visibility_timeout", 0,
                    MAX_VISIBILITY_SECONDS).orElseThrow(() -> JsonRequests.bad("\"visibility_timeout\" is required"));
            return queues.changeVisibility(stage, queue, receipt, Duration.ofSeconds(seconds));
        }, keepAlive, ok -> ManagementResponses.empty(ctx, HttpResponseStatus.NO_CONTENT, keepAlive));
    }

    private static Map<String, Object> describe(QueueMessage m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("message_id", m.messageId());
        out.put("receipt_handle", m.receiptHandle());
        out.put("body", m.body());
        out.put("attributes", m.attributes());
        out.put("sent_timestamp", m.sentTimestamp());
        out.put("receive_count", m.receiveCount());
        out.put("first_receive_timestamp", m.firstReceiveTimestamp());
        m.deadLetterSource().ifPresent(source -> out.put("dead_letter_source", source));
        return out;
    }

    private static Map<String, Object> describe(String queue, QueueStats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queue", queue);
        out.put("visible", stats.visible());
        out.put("in_flight", stats.inFlight());
        out.put("delayed", stats.delayed());
        return out;
    }
}
