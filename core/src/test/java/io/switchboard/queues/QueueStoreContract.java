package io.switchboard.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.handler.GatewayError;
import io.switchboard.handler.GatewayException;
import io.switchboard.handler.QueueMessage;
import io.switchboard.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every {@link QueueStore} must do, whatever engine holds it: SQS standard-queue behaviour for visibility,
 * deletion, redrive, retention, delays and long polls. Rules measured in minutes use a clock the test moves; long
 * polls use the real clock. An engine's test extends this class.
 */
public abstract class QueueStoreContract {
    private static final Duration NO_WAIT = Duration.ZERO;
    private static final Duration VISIBILITY = Duration.ofSeconds(30);
    private static final QueueId Q = new QueueId("s", "q");
    private static final QueueId DLQ = new QueueId("s", "q-dlq");

    /** A new, empty store reading time from {@code clock}. */
    protected abstract QueueStore newStore(Clock clock);

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static QueueStore declared(QueueStore store, QueueSettings settings) throws Exception {
        await(store.declare(DLQ, QueueSettings.DEFAULTS));
        await(store.declare(Q, settings));
        return store;
    }

    private static List<QueueMessage> receive(QueueStore store, QueueId queue, int max) throws Exception {
        return await(store.receive(queue, max, NO_WAIT, VISIBILITY));
    }

    private static String send(QueueStore store, String body) throws Exception {
        return await(store.send(Q, NewMessage.of(body, Map.of())));
    }

    @Test
    void messagesAreReceivedInOrderWithTheirAttributesAndDeletedByReceipt() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        String first = await(store.send(Q, NewMessage.of("one", Map.of("user_id", "alice", "source", "test"))));
        send(store, "two");
        send(store, "th\u00e9 \ud83d\udc4b");
        List<QueueMessage> got = receive(store, Q, 10);
        assertThat(got).extracting(QueueMessage::body).containsExactly("one", "two", "th\u00e9 \ud83d\udc4b");
        assertThat(got.get(0).messageId()).isEqualTo(first);
        assertThat(got.get(0).attributes()).containsExactlyInAnyOrderEntriesOf(
                Map.of("user_id", "alice", "source", "test"));
        assertThat(got).allMatch(m -> m.receiveCount() == 1 && m.deadLetterSource().isEmpty());
        assertThat(got).extracting(QueueMessage::receiptHandle).doesNotHaveDuplicates();
        assertThat(await(store.stats(Q))).isEqualTo(new QueueStats(0, 3, 0));
        for (QueueMessage m : got) {
            assertThat(await(store.delete(Q, m.receiptHandle()))).isTrue();
        }
        assertThat(await(store.delete(Q, got.get(0).receiptHandle()))).isFalse();
        assertThat(await(store.delete(Q, "never-issued"))).isFalse();
        assertThat(await(store.stats(Q)).total()).isZero();
    }

    @Test
    void receiveTakesAtMostTheAskedNumber() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        for (int i = 0; i < 15; i++) {
            send(store, "m" + i);
        }
        assertThat(receive(store, Q, 10)).hasSize(10);
        assertThat(receive(store, Q, 10)).hasSize(5);
        assertThat(receive(store, Q, 10)).isEmpty();
    }

    @Test
    void aMessageNotDeletedReappearsAfterItsVisibilityTimeoutWithANewReceipt() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS);
        String id = send(store, "again");
        QueueMessage first = receive(store, Q, 1).get(0);
        assertThat(receive(store, Q, 1)).isEmpty();
        clock.advance(VISIBILITY.minusMillis(1));
        assertThat(receive(store, Q, 1)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        QueueMessage second = receive(store, Q, 1).get(0);
        assertThat(second.messageId()).isEqualTo(id);
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(second.firstReceiveTimestamp()).isEqualTo(first.firstReceiveTimestamp());
        assertThat(second.receiptHandle()).isNotEqualTo(first.receiptHandle());
        assertThat(await(store.delete(Q, first.receiptHandle()))).as("a stale receipt").isFalse();
        assertThat(await(store.delete(Q, second.receiptHandle()))).isTrue();
    }

    @Test
    void deletingPreventsTheMessageFromReappearing() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS);
        send(store, "once");
        QueueMessage m = receive(store, Q, 1).get(0);
        assertThat(await(store.delete(Q, m.receiptHandle()))).isTrue();
        clock.advance(Duration.ofMinutes(10));
        assertThat(receive(store, Q, 10)).isEmpty();
        assertThat(await(store.stats(Q)).total()).isZero();
    }

    @Test
    void afterMaxReceiveCountReceivesTheMessageSitsInTheDeadLetterQueue() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS.withRedrive(DLQ.name(), 3));
        String id = await(store.send(Q, NewMessage.of("poison", Map.of("k", "v"))));
        for (int receive = 1; receive <= 3; receive++) {
            List<QueueMessage> got = receive(store, Q, 1);
            assertThat(got).hasSize(1);
            assertThat(got.get(0).receiveCount()).isEqualTo(receive);
            clock.advance(VISIBILITY);
        }
        assertThat(receive(store, Q, 1)).isEmpty();
        assertThat(await(store.stats(Q)).total()).isZero();
        List<QueueMessage> dead = receive(store, DLQ, 10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageId()).isEqualTo(id);
        assertThat(dead.get(0).body()).isEqualTo("poison");
        assertThat(dead.get(0).attributes()).containsEntry("k", "v");
        assertThat(dead.get(0).deadLetterSource()).hasValue("q");
        assertThat(dead.get(0).receiveCount()).isEqualTo(1);
    }

    @Test
    void withVisibilityZeroAndOneReceiveTheSecondReceiveFindsTheMessageInTheDeadLetterQueue() throws Exception {
        QueueStore store = declared(newStore(MutableClock.start()), QueueSettings.DEFAULTS.withRedrive("q-dlq", 1));
        send(store, "m");
        assertThat(await(store.receive(Q, 1, NO_WAIT, Duration.ZERO))).hasSize(1);
        assertThat(await(store.receive(Q, 1, NO_WAIT, Duration.ZERO))).isEmpty();
        assertThat(receive(store, DLQ, 1)).extracting(QueueMessage::body).containsExactly("m");
    }

    @Test
    void changingVisibilityHidesOrShowsAReceivedMessage() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS);
        send(store, "m");
        QueueMessage first = receive(store, Q, 1).get(0);
        assertThat(await(store.changeVisibility(Q, first.receiptHandle(), Duration.ZERO))).isTrue();
        QueueMessage second = receive(store, Q, 1).get(0);
        assertThat(second.receiveCount()).isEqualTo(2);
        assertThat(await(store.changeVisibility(Q, first.receiptHandle(), Duration.ofMinutes(5)))).isFalse();
        assertThat(await(store.changeVisibility(Q, second.receiptHandle(), Duration.ofMinutes(2)))).isTrue();
        clock.advance(VISIBILITY);
        assertThat(receive(store, Q, 1)).as("extended past the queue's timeout").isEmpty();
        clock.advance(Duration.ofMinutes(2).minus(VISIBILITY));
        assertThat(receive(store, Q, 1)).extracting(QueueMessage::receiveCount).containsExactly(3);
    }

    @Test
    void messagesExpireAfterTheRetentionPeriodVisibleOrNot() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS.withRetention(Duration.ofMinutes(1)));
        send(store, "waiting");
        send(store, "in flight");
        clock.advance(Duration.ofSeconds(10));
        send(store, "younger");
        QueueMessage received = receive(store, Q, 2).get(1);
        assertThat(received.body()).isEqualTo("in flight");
        clock.advance(Duration.ofSeconds(49));
        assertThat(await(store.stats(Q)).total()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(await(store.stats(Q))).isEqualTo(new QueueStats(1, 0, 0));
        assertThat(await(store.delete(Q, received.receiptHandle()))).isFalse();
        clock.advance(Duration.ofSeconds(10));
        assertThat(receive(store, Q, 10)).isEmpty();
    }

    @Test
    void aDelayedMessageStaysHiddenUntilItsDelayPassed() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS);
        await(store.send(Q, new NewMessage("later", Map.of(), Optional.of(Duration.ofSeconds(5)))));
        assertThat(receive(store, Q, 1)).isEmpty();
        assertThat(await(store.stats(Q))).isEqualTo(new QueueStats(0, 0, 1));
        clock.advance(Duration.ofSeconds(5));
        assertThat(receive(store, Q, 1)).extracting(QueueMessage::body).containsExactly("later");
    }

    @Test
    void aFullQueueRefusesMoreAndAnUnknownQueueIsNotFound() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS.withMaxMessages(2));
        send(store, "1");
        send(store, "2");
        assertThatThrownBy(() -> send(store, "3")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isEqualTo(GatewayError.QUEUE_FULL));
        assertThatThrownBy(() -> receive(store, new QueueId("s", "nope"), 1)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error()).isEqualTo(GatewayError.NOT_FOUND));
        assertThatThrownBy(() -> receive(store, new QueueId("other", "q"), 1)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void redeclaringChangesSettingsAndKeepsMessages() throws Exception {
        MutableClock clock = MutableClock.start();
        QueueStore store = declared(newStore(clock), QueueSettings.DEFAULTS);
        send(store, "kept");
        await(store.declare(Q, QueueSettings.DEFAULTS.withVisibilityTimeout(Duration.ofSeconds(5))));
        assertThat(receive(store, Q, 1)).hasSize(1);
    }

    @Test
    void aLongPollReturnsAsSoonAsAMessageArrives() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        CompletableFuture<List<QueueMessage>> polling = store.receive(Q, 10, Duration.ofSeconds(20), VISIBILITY)
                .toCompletableFuture();
        assertThat(polling).isNotDone();
        send(store, "arrived");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(polling::isDone);
        assertThat(polling.get()).extracting(QueueMessage::body).containsExactly("arrived");
    }

    @Test
    void aLongPollEndsEmptyWhenNothingCame() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        assertThat(await(store.receive(Q, 10, Duration.ofMillis(200), VISIBILITY))).isEmpty();
    }

    @Test
    void aLongPollGetsAMessageWhoseVisibilityTimeoutPassesWhileItWaits() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        send(store, "retry me");
        assertThat(await(store.receive(Q, 1, NO_WAIT, Duration.ofMillis(300)))).hasSize(1);
        List<QueueMessage> again = await(store.receive(Q, 1, Duration.ofSeconds(10), VISIBILITY));
        assertThat(again).extracting(QueueMessage::receiveCount).containsExactly(2);
    }

    @Test
    void aCancelledLongPollLeavesArrivingMessagesToOthers() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        CompletableFuture<List<QueueMessage>> abandoned = store.receive(Q, 10, Duration.ofSeconds(20), VISIBILITY)
                .toCompletableFuture();
        abandoned.cancel(false);
        send(store, "for someone else");
        List<QueueMessage> got = receive(store, Q, 10);
        assertThat(got).extracting(QueueMessage::body).containsExactly("for someone else");
        assertThat(got.get(0).receiveCount()).isEqualTo(1);
    }

    @Test
    void waitingLongPollsShareArrivingMessagesWithoutDuplicates() throws Exception {
        QueueStore store = declared(newStore(Clock.systemUTC()), QueueSettings.DEFAULTS);
        List<CompletableFuture<List<QueueMessage>>> polls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            polls.add(store.receive(Q, 3, Duration.ofSeconds(10), VISIBILITY).toCompletableFuture());
        }
        for (int i = 0; i < 40; i++) {
            send(store, "m" + i);
        }
        Set<String> seen = new HashSet<>();
        for (CompletableFuture<List<QueueMessage>> poll : polls) {
            for (QueueMessage m : poll.get(10, TimeUnit.SECONDS)) {
                assertThat(seen.add(m.messageId())).isTrue();
            }
        }
        while (seen.size() < 40) {
            List<QueueMessage> more = receive(store, Q, 10);
            assertThat(more).isNotEmpty();
            more.forEach(m -> assertThat(seen.add(m.messageId())).isTrue());
        }
        assertThat(await(store.stats(Q))).isEqualTo(new QueueStats(0, 40, 0));
    }
}
