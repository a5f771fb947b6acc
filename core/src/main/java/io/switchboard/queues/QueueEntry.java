package io.switchboard.queues;

import io.switchboard.handler.QueueMessage;
import java.util.Map;
import java.util.Optional;

/** A message held by a {@link MemoryQueue}, and the state of its current receive. Guarded by the queue's monitor. */
final class QueueEntry {
    final String id;
    final String body;
    final Map<String, String> attributes;
    final long sentAt;
    final Optional<String> deadLetterSource;
    int receiveCount;
    long firstReceiveAt;
    /** The receipt handle of the receive in flight, else null. */
    String receipt;
    /** Bumped whenever the entry's place in {@link HiddenEntries} becomes stale. */
    int generation;

    QueueEntry(String id, String body, Map<String, String> attributes, long sentAt, Optional<String> source) {
        this.id = id;
        this.body = body;
        this.attributes = attributes;
        this.sentAt = sentAt;
        this.deadLetterSource = source;
    }

    /** What a receive returns for this entry now. */
    QueueMessage message() {
        return new QueueMessage(id, receipt, body, attributes, sentAt, receiveCount, firstReceiveAt, deadLetterSource);
    }
}
