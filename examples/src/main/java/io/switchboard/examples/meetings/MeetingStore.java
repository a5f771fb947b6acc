package io.switchboard.examples.meetings;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meetings of this server and who is in which, in memory (where seed 000 keeps a DynamoDB
 * table). One store serves all the meeting handlers of a gateway ({@link MeetingHandlers}). Meeting codes are random and unguessable (50 bits from {@link SecureRandom}), never a connection id.
 */
final class MeetingStore {
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final Map<String, String> meetingOf = new ConcurrentHashMap<>();

    /** Opens a meeting hosted by the connection. */
    Meeting create(String kind, String hostId, String hostName) {
        String code;
        Meeting meeting;
        do {
            code = newCode();
            meeting = new Meeting(code, kind, hostId, hostName);
        } while (meetings.putIfAbsent(code, meeting) != null);
        meetingOf.put(hostId, code);
        return meeting;
    }

    Optional<Meeting> find(String code) {
        return Optional.ofNullable(meetings.get(code.strip().toLowerCase(Locale.ROOT)));
    }

    /** The meeting a connection hosts, joined or waits for. */
    Optional<Meeting> meetingOf(String connectionId) {
        return Optional.ofNullable(meetingOf.get(connectionId)).map(meetings::get);
    }

    void attach(String connectionId, Meeting meeting) {
        meetingOf.put(connectionId, meeting.code);
    }

    /** The connection is in no meeting any more (it left, was turned away, or closed). */
    void detach(String connectionId) {
        meetingOf.remove(connectionId);
    }

    void remove(Meeting meeting) {
        meetings.remove(meeting.code, meeting);
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (i == 3 || i == 7) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
