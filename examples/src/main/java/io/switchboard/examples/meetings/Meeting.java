package io.switchboard.examples.meetings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One meeting: its host, kind, members and the people waiting for the host's answer. Guarded by its own monitor;
 * every method is short and never calls out.
 */
final class Meeting {
    final String code;
    final String kind;
    final String hostId;
    private final Map<String, String> members = new LinkedHashMap<>();
    private final Map<String, String> waiting = new LinkedHashMap<>();
    /** Everyone who was ever a member, in the order they came: a name outlives its member's leaving. */
    private final Map<String, String> names = new LinkedHashMap<>();
    private boolean ended;

    Meeting(String code, String kind, String hostId, String hostName) {
        this.code = code;
        this.kind = kind;
        this.hostId = hostId;
        members.put(hostId, hostName);
        names.put(hostId, hostName);
    }

    /** The group that holds the members, for fan-out. */
    String group() {
        return "meeting:" + code;
    }

    synchronized boolean isMember(String id) {
        return members.containsKey(id);
    }

    synchronized boolean isEnded() {
        return ended;
    }

    synchronized void end() {
        ended = true;
    }

    /** Adds someone to the waiting list; false when the meeting has ended. */
    synchronized boolean request(String id, String name) {
        if (ended) {
            return false;
        }
        waiting.put(id, name);
        return true;
    }

    /** Takes someone off the waiting list: their name, or null if they were not waiting. */
    synchronized String decide(String id, boolean admit) {
        String name = waiting.remove(id);
        if (name != null && admit && !ended) {
            members.put(id, name);
            names.put(id, name);
        }
        return name;
    }

    /** Removes a member or a waiting person: their name, or null if they were neither. */
    synchronized String remove(String id) {
        String name = members.remove(id);
        return name != null ? name : waiting.remove(id);
    }

    synchronized String nameOf(String id) {
        return members.get(id);
    }

    /** The members as {@code [{id, name, host}]}, host first. */
    synchronized List<Map<String, Object>> participants() {
        return describe(members.keySet());
    }

    /** These connections as {@code [{id, name, host}]}, in the order they came (so the host first). */
    synchronized List<Map<String, Object>> describe(java.util.Set<String> ids) {
        return names.entrySet().stream()
                .filter(e -> ids.contains(e.getKey()))
                .map(e -> Map.<String, Object>of("id", e.getKey(), "name", e.getValue(), "host",
                        e.getKey().equals(hostId)))
                .toList();
    }
}
