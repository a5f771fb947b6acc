package io.switchboard.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.switchboard.ConfigChecks;
import io.switchboard.Realtime;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.queues.NewMessage;
import io.switchboard.testing.LambdaRecorder;
import io.switchboard.testing.TestGateway;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unchanged AWS Lambda functions subscribed to a topic and consuming a queue, with the SNS and SQS event fields they
 * read and SQS's partial batch response.
 */
class LambdaSubscribersTest {
    private static TestGateway gateway;
    private static Realtime realtime;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start("""
                apis:
                  - name: lambdas
                    stage: lambdas
                    routes:
                      ping: {integration: {type: mock, response-template: pong}}
                    topics:
                      orders: {subscribers: [{handler: io.switchboard.testing.SnsLambdaSubscriber}]}
                    queues:
                      jobs: {visibility-timeout: 1s, consumer: {handler: io.switchboard.testing.SqsLambdaConsumer}}
                """);
        realtime = gateway.server().gateway().realtime();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anSnsLambdaGetsOneRecordPerMessage() {
        String id = realtime.topics().publish("lambdas", "orders", "{\"order\":7}", Map.of("user_id", "alice"))
                .toCompletableFuture().join();
        SNSEvent.SNSRecord record = LambdaRecorder.next("sns-lambda");
        assertThat(record.getEventSource()).isEqualTo("aws:sns");
        assertThat(record.getSNS().getType()).isEqualTo("Notification");
        assertThat(record.getSNS().getMessageId()).isEqualTo(id);
        assertThat(record.getSNS().getMessage()).isEqualTo("{\"order\":7}");
        assertThat(record.getSNS().getTopicArn()).endsWith(":orders");
        assertThat(record.getSNS().getTimestamp().getMillis()).isPositive();
        assertThat(record.getSNS().getMessageAttributes().get("user_id").getValue()).isEqualTo("alice");
    }

    @Test
    void anSqsLambdaGetsBatchesAndItsReportedFailuresComeBack() {
        String ok = realtime.queues().send("lambdas", "jobs", NewMessage.of("fine", Map.of("k", "v")))
                .toCompletableFuture().join();
        String flaky = realtime.queues().send("lambdas", "jobs", NewMessage.of("fail once", Map.of()))
                .toCompletableFuture().join();
        Map<String, Integer> receives = new java.util.HashMap<>();
        while (!receives.containsKey(flaky) || receives.get(flaky) < 2) {
            SQSEvent.SQSMessage record = LambdaRecorder.next("sqs-lambda");
            receives.merge(record.getMessageId(), 1, Integer::sum);
            assertThat(record.getEventSource()).isEqualTo("aws:sqs");
            assertThat(record.getEventSourceArn()).endsWith(":jobs");
            assertThat(record.getReceiptHandle()).isNotBlank();
            assertThat(record.getMd5OfBody()).hasSize(32);
            assertThat(record.getAttributes()).containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp");
            if (record.getMessageId().equals(ok)) {
                assertThat(record.getBody()).isEqualTo("fine");
                assertThat(record.getMessageAttributes().get("k").getStringValue()).isEqualTo("v");
            }
        }
        assertThat(receives).containsEntry(ok, 1);
        org.awaitility.Awaitility.await().until(() -> realtime.queues().stats("lambdas", "jobs").toCompletableFuture()
                .join().total() == 0);
    }

    @Test
    void aLambdaOfAnotherEventIsAConfigurationProblem() {
        var config = ConfigLoader.withEnvironment(Map.of()).parse("""
                apis:
                  - name: a
                    stage: s
                    routes:
                      ping: {integration: {type: mock, response-template: pong}}
                    topics:
                      t: {subscribers: [{handler: io.switchboard.testing.SqsLambdaConsumer}]}
                    queues:
                      q: {consumer: {handler: io.switchboard.testing.LambdaEchoHandler}}
                """);
        assertThat(ConfigChecks.problems(config)).extracting(ConfigProblem::toString).containsExactly(
                "apis[0].topics.t.subscribers[0].handler: io.switchboard.testing.SqsLambdaConsumer implements neither "
                        + "io.switchboard.handler.TopicHandler nor AWS Lambda's RequestHandler<SNSEvent, …>",
                "apis[0].queues.q.consumer.handler: io.switchboard.testing.LambdaEchoHandler implements neither "
                        + "io.switchboard.handler.QueueHandler nor AWS Lambda's RequestHandler<SQSEvent, …>");
    }
}
