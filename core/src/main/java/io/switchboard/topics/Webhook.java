package io.switchboard.topics;

import io.switchboard.config.SubscriberConfig;
import io.switchboard.handler.TopicMessage;
import io.switchboard.json.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One attempt to deliver a topic message to an HTTP subscriber: a JSON POST; any 2xx answer takes the message, any
 * other answer or a failure to connect or to answer within the subscriber's timeout fails the attempt. The answer's
 * body is read and ignored. Asynchronous.
 */
final class Webhook {
    private final HttpClient client;
    private final SubscriberConfig.Http config;

    Webhook(HttpClient client, SubscriberConfig.Http config) {
        this.client = client;
        this.config = config;
    }

    CompletionStage<Void> post(TopicMessage message, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(config.uri())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-Switchboard-Message-Id", message.messageId())
                .header("X-Switchboard-Topic", message.topic())
                .header("X-Switchboard-Delivery-Attempt", Integer.toString(attempt))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(message)));
        config.headers().forEach(request::header);
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenAccept(response -> {
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new IllegalStateException(describe(config.uri()) + " answered HTTP " + response.statusCode());
            }
        });
    }

    /**
     * A webhook's URL for logs and dead letters: scheme, host, port and path, without the user information and query
     * string, where tokens are often put.
     */
    static String describe(java.net.URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /**
     * {@code {"type":"Notification","message_id":…,"stage":…,"topic":…,"message":…,"attributes":{…},"timestamp":…}}:
     * SNS's HTTP notification, with the message as the text that was published.
     */
    static byte[] body(TopicMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "Notification");
        body.put("message_id", message.messageId());
        body.put("stage", message.stage());
        body.put("topic", message.topic());
        body.put("message", message.body());
        body.put("attributes", message.attributes());
        body.put("timestamp", message.timestamp());
        return Json.MAPPER.writeValueAsBytes(body);
    }
}
