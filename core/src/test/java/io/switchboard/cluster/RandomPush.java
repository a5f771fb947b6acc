package io.switchboard.cluster;

import io.switchboard.json.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One random notification request of the pusher scenario: a unicast, a multicast (with users that are not
 * connected), a broadcast, or everyone but one.
 */
record RandomPush(Optional<List<String>> targets, List<String> exclude, String json) {

    static RandomPush next(Random random, int users, int seq) {
        List<String> targets = null;
        List<String> exclude = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> targets = List.of("u" + random.nextInt(users));
            case 1 -> {
                targets = new ArrayList<>();
                for (int k = 0; k < 2 + random.nextInt(5); k++) {
                    targets.add("u" + random.nextInt(users + 3)); // some are not connected
                }
            }
            case 2 -> targets = null;
            default -> exclude.add("u" + random.nextInt(users));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        if (targets != null) {
            request.put("users", targets);
        }
        if (!exclude.isEmpty()) {
            request.put("exclude_users", exclude);
        }
        request.put("data", Map.of("seq", seq));
        return new RandomPush(Optional.ofNullable(targets).map(List::copyOf), List.copyOf(exclude),
                Json.MAPPER.writeValueAsString(request));
    }

    /** The connected users the push must reach. */
    Set<String> reached(Collection<String> connected) {
        Set<String> reached = new HashSet<>(targets.orElseGet(() -> List.copyOf(connected)));
        reached.removeAll(exclude);
        reached.retainAll(connected);
        return reached;
    }
}
