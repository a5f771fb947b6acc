package io.switchboard.connections;

import java.util.List;
import java.util.Objects;

/**
 * What one node asks another to do with connections it holds ({@link NodeBus}). Each carries the message already
 * encoded once, so that the receiving node only writes it; none expects an answer.
 */
public sealed interface NodeCommand permits NodeCommand.Post, NodeCommand.Close, NodeCommand.FanOut {

    /** The stage the connections belong to. */
    String stage();

    /** Send one message to one connection ({@code POST @connections/{id}} answered by another node). */
    record Post(String stage, String connectionId, OutboundMessage message) implements NodeCommand {
        public Post {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Close one connection with this code and reason ({@code DELETE @connections/{id}}). */
    record Close(String stage, String connectionId, int code, String reason) implements NodeCommand {
        public Close {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Send one message to many connections of the receiving node (the members of a group, the targets of a push that
     * it holds): one command per node, however many members it has.
     *
     * @param prune whether the receiving node removes from the connections store the entries of the connections it
     *              finds gone (a push does, as the pusher does for its own)
     */
    record FanOut(String stage, List<String> connectionIds, OutboundMessage message, boolean prune)
            implements NodeCommand {
        public FanOut {
            Objects.requireNonNull(stage, "stage");
            connectionIds = List.copyOf(connectionIds);
            Objects.requireNonNull(message, "message");
        }
    }
}
