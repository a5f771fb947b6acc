package io.switchboard.groups;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Group membership: which connections belong to which group of a stage. The engine provides it; the in-memory
 * store completes every stage at once.
 */
public interface GroupStore {

    /** Adds a member; adding it again changes nothing. */
    CompletionStage<Void> add(String stage, String group, String connectionId);

    /** Removes a member; removing a non-member changes nothing. */
    CompletionStage<Void> remove(String stage, String group, String connectionId);

    /** The members of a group, empty when it has none. */
    CompletionStage<Set<String>> members(String stage, String group);

    /** The groups of a stage a connection is in. */
    CompletionStage<Set<String>> groupsOf(String stage, String connectionId);

    /** Removes a connection from every group of its stage (it disconnected). */
    CompletionStage<Void> removeEverywhere(String stage, String connectionId);
}
