package io.switchboard.queues;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The entries of a queue that are not visible yet (delayed, or received and in flight), ordered by when they become
 * visible. Changing an entry's plans (deleting it, changing its visibility) bumps its generation, which makes its old
 * place stale: stale places are skipped when they come up, never searched for. Guarded by the queue's monitor.
 */
final class HiddenEntries {
    private record Slot(long visibleAt, int generation, QueueEntry entry) {
        boolean live() {
            return generation == entry.generation;
        }
    }

    private final PriorityQueue<Slot> heap = new PriorityQueue<>(Comparator.comparingLong(Slot::visibleAt));

    /** Hides an entry until {@code visibleAt}, replacing any earlier plan for it. */
    void hide(QueueEntry entry, long visibleAt) {
        entry.generation++;
        heap.add(new Slot(visibleAt, entry.generation, entry));
    }

    /** Forgets an entry's plan (it was deleted, expired or shown). */
    static void forget(QueueEntry entry) {
        entry.generation++;
    }

    /** Takes out the next entry whose time has come by {@code now}; null when none. */
    QueueEntry pollDue(long now) {
        while (!heap.isEmpty() && heap.peek().visibleAt() <= now) {
            Slot slot = heap.poll();
            if (slot.live()) {
                forget(slot.entry());
                return slot.entry();
            }
        }
        return null;
    }

    /** When the next entry may become visible (possibly a stale place: waking early is harmless); -1 for never. */
    long nextVisibleAt() {
        return heap.isEmpty() ? -1 : heap.peek().visibleAt();
    }

    /** Every entry with a live place. */
    void forEach(Consumer<QueueEntry> action) {
        for (Slot slot : heap) {
            if (slot.live()) {
                action.accept(slot.entry());
            }
        }
    }
}
