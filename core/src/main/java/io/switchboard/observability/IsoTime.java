package io.switchboard.observability;

/**
 * The current time as ISO-8601 with milliseconds ({@code 2026-11-23T16:06:39.881Z}) for the access log, which
 * stamps every event: the date and time of the current second is formatted once and reused.
 */
final class IsoTime {
    private record Second(long epochSecond, String prefix) {
    }

    private static volatile Second cached = new Second(-1, "");

    private IsoTime() {
    }

    static String now() {
        long millis = System.currentTimeMillis();
        long second = Math.floorDiv(millis, 1000);
        Second s = cached;
        if (s.epochSecond() != second) {
            String full = java.time.Instant.ofEpochSecond(second).toString(); // 2026-11-23T16:06:39Z
            s = new Second(second, full.substring(0, full.length() - 1));
            cached = s;
        }
        int ms = (int) Math.floorMod(millis, 1000);
        return s.prefix() + '.' + (char) ('0' + ms / 100) + (char) ('0' + ms / 10 % 10) + (char) ('0' + ms % 10) + 'Z';
    }
}
