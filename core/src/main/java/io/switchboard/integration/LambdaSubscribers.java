package io.switchboard.integration;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.switchboard.handler.BatchResult;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.QueueMessage;
import io.switchboard.handler.TopicHandler;
import io.switchboard.handler.TopicMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.joda.time.DateTime;

/**
 * Unchanged AWS Lambda functions as topic subscribers and queue consumers, as SNS and an SQS event source mapping
 * invoke them: a {@code RequestHandler<SNSEvent, ?>} gets one record per message, a
 * {@code RequestHandler<SQSEvent, SQSBatchResponse>} gets a batch and reports its failures ({@code batchItemFailures}).
 * Each call gets an instance of its own, as on Lambda.
 */
final class LambdaSubscribers {
    /** Lambda's longest timeout: how long a topic subscriber has before its context says no time is left. */
    private static final Duration TOPIC_TIMEOUT = Duration.ofMinutes(15);
    private static final String ACCOUNT = "arn:aws:%s:local:000000000000:%s";

    private LambdaSubscribers() {
    }

    /** Whether a class is a Lambda handler of {@code event}s (or of a type the event can be given as). */
    static boolean handles(Class<?> type, Class<?> event) {
        if (!RequestHandler.class.isAssignableFrom(type)) {
            return false;
        }
        java.lang.reflect.Type input = FunctionHandler.inputType(type, event);
        return input instanceof Class<?> c && c.isAssignableFrom(event);
    }

    @SuppressWarnings("unchecked")
    static TopicHandler topic(Class<?> type, InstancePool pool) {
        return message -> {
            Object instance = pool.acquire();
            try {
                ((RequestHandler<Object, Object>) instance).handleRequest(snsEvent(message),
                        new LambdaContext(message.messageId(), TOPIC_TIMEOUT, type));
            } finally {
                pool.release(instance);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static QueueHandler queue(Class<?> type, InstancePool pool, String queue, Duration visibilityTimeout) {
        return batch -> {
            Object instance = pool.acquire();
            Object response;
            try {
                response = ((RequestHandler<Object, Object>) instance).handleRequest(sqsEvent(queue, batch),
                        new LambdaContext(batch.get(0).messageId(), visibilityTimeout, type));
            } finally {
                pool.release(instance);
            }
            if (response instanceof SQSBatchResponse r && r.getBatchItemFailures() != null) {
                return BatchResult.failed(r.getBatchItemFailures().stream()
                        .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                        .map(id -> id == null ? "" : id) // as on Lambda, an empty identifier fails the batch
                        .collect(Collectors.toSet()));
            }
            return BatchResult.ok();
        };
    }

    /** The event SNS gives a Lambda subscriber, with one record. */
    static SNSEvent snsEvent(TopicMessage message) {
        String topicArn = ACCOUNT.formatted("sns", message.topic());
        Map<String, SNSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        message.attributes().forEach((name, value) -> attributes.put(name, new SNSEvent.MessageAttribute()
                .withType("String").withValue(value)));
        SNSEvent.SNS sns = new SNSEvent.SNS()
                .withType("Notification")
                .withMessageId(message.messageId())
                .withTopicArn(topicArn)
                .withMessage(message.body())
                .withTimestamp(new DateTime(message.timestamp()))
                .withSignatureVersion("1")
                .withMessageAttributes(attributes);
        SNSEvent.SNSRecord record = new SNSEvent.SNSRecord()
                .withEventSource("aws:sns")
                .withEventVersion("1.0")
                .withEventSubscriptionArn(topicArn + ":switchboard")
                .withSns(sns);
        return new SNSEvent().withRecords(List.of(record));
    }

    /** The event an SQS event source mapping gives a Lambda function. */
    static SQSEvent sqsEvent(String queue, List<QueueMessage> batch) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(batch.size());
        for (QueueMessage m : batch) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(md5(m.body()));
            Map<String, String> system = new LinkedHashMap<>();
            system.put("ApproximateReceiveCount", Integer.toString(m.receiveCount()));
            system.put("SentTimestamp", Long.toString(m.sentTimestamp()));
            system.put("SenderId", "switchboard");
            system.put("ApproximateFirstReceiveTimestamp", Long.toString(m.firstReceiveTimestamp()));
            m.deadLetterSource().ifPresent(source -> system.put("DeadLetterQueueSourceArn",
                    ACCOUNT.formatted("sqs", source)));
            record.setAttributes(system);
            Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
            m.attributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
                a.setDataType("String");
                a.setStringValue(value);
                attributes.put(name, a);
            });
            record.setMessageAttributes(attributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(ACCOUNT.formatted("sqs", queue));
            record.setAwsRegion("local");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** What a class name must be for a subscriber kind: our interface, or a Lambda handler of its AWS event. */
    static void check(Class<?> type, Class<?> nativeType, Class<?> event) {
        if (!nativeType.isAssignableFrom(type) && !handles(type, event)) {
            throw new IllegalArgumentException(type.getName() + " implements neither " + nativeType.getName()
                    + " nor AWS Lambda's RequestHandler<" + event.getSimpleName() + ", …>");
        }
    }

    private static String md5(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }
}
