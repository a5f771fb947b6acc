package io.switchboard.queues;

import java.util.Objects;

/**
 * A queue: its name within the API stage it belongs to.
 *
 * @param stage the API stage
 * @param name  the queue's name
 */
public record QueueId(String stage, String name) {

    public QueueId {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return stage + "/" + name;
    }
}
