package io.switchboard.handler;

import java.util.Set;

/**
 * What a {@link QueueHandler} reports: Lambda's partial batch response.
 *
 * @param failedMessageIds the messages that were not handled and must be received again
 */
public record BatchResult(Set<String> failedMessageIds) {

    private static final BatchResult OK = new BatchResult(Set.of());

    public BatchResult {
        failedMessageIds = Set.copyOf(failedMessageIds);
    }

    /** Every message was handled. */
    public static BatchResult ok() {
        return OK;
    }

    /** These messages failed; the others were handled. */
    public static BatchResult failed(Set<String> messageIds) {
        return new BatchResult(messageIds);
    }
}
