package io.switchboard.groups;

import io.switchboard.handler.Groups;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Group membership: which connections belong to which group of a stage. The engine provides it; the in-memory
 * store completes every stage at once.
 */
public interface GroupStore {

    /** Adds a member; adding it again changes nothing. */
    CompletionStage<Void> add(String stage, String group, String connectionId);

    /**
     * Adds a member unless the group already holds {@code capacity} members, and tells who the others were, in one
     * atomic step: of two connections joining at the same moment, exactly one finds the other there.
     */
    CompletionStage<Joined> join(String stage, String group, String connectionId, int capacity);

    /**
     * What {@link #join} did.
     *
     * @param outcome whether the connection was added, was a member already, or found the group full
     * @param others  the other members at the moment of the decision
     */
    record Joined(Groups.JoinOutcome outcome, Set<String> others) {
    }

    /** Removes a member; removing a non-member changes nothing. */
    CompletionStage<Void> remove(String stage, String group, String connectionId);

    /** The members of a group, empty when it has none. */
    CompletionStage<Set<String>> members(String stage, String group);

    /** The groups of a stage a connection is in. */
    CompletionStage<Set<String>> groupsOf(String stage, String connectionId);

    /** Removes a connection from every group of its stage (it disconnected). */
    CompletionStage<Void> removeEverywhere(String stage, String connectionId);
}
