package io.switchboard.presence;

import io.switchboard.handler.PresenceStatus;
import io.switchboard.handler.UserPresence;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Each user's presence as last published: the record that makes every ONLINE and OFFLINE transition happen once, even
 * when several nodes see the same connection change, and that remembers when an offline user was last seen. The
 * engine provides it; the in-memory store completes every stage at once.
 */
public interface PresenceStore {

    /**
     * Records a user's status at {@code at} (epoch milliseconds) if it differs from the recorded one (a user never seen
     * counts as OFFLINE), atomically. {@code sequence} is the connection change's place in the connections store's
     * order ({@code ConnectionChange.sequence}): an update at or below the largest sequence already applied to the
     * user changes nothing, so that changes handed in by several nodes out of order never flip a user back.
     *
     * @return the transition when the status changed, empty when it was already so (or the update came late)
     */
    CompletionStage<Optional<PresenceChange>> update(String stage, String userId, PresenceStatus status, long at,
                                                     long sequence);

    /**
     * Records that the event of a user's transition {@code version} was published, so that the node holding the
     * next one may publish it (events of one user go out in order whichever nodes made them). Keeps the largest
     * version recorded; a user without a record is left alone.
     */
    CompletionStage<Void> published(String stage, String userId, long version);

    /** The largest version whose event was published ({@link #published}); 0 for none or a user without a record. */
    CompletionStage<Long> lastPublished(String stage, String userId);

    /** A user's recorded presence; empty for a user never seen or forgotten. */
    CompletionStage<Optional<UserPresence>> get(String stage, String userId);

    /** The users recorded ONLINE. */
    CompletionStage<Set<String>> online(String stage);

    /** Forgets a user's record if the user is OFFLINE (an anonymous user's, whose id was its connection's). */
    CompletionStage<Void> forgetIfOffline(String stage, String userId);

    /** Forgets a stage's OFFLINE users last seen before {@code before} (epoch milliseconds); returns how many. */
    CompletionStage<Integer> forgetOffline(String stage, long before);
}
