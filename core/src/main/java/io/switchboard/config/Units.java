package io.switchboard.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human-friendly durations ({@code 50ms}, {@code 29s}, {@code 10m}, {@code 2h}, {@code 1d}) and sizes. */
public final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(b|kb|kib|mb|mib|gb|gib)?");

    private Units() {
    }

    /**
     * Parses a duration: a whole number followed by {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not a duration
     */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write a whole number and a unit: "
                    + "50ms, 29s, 10m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * Parses a size in bytes: a whole number, optionally followed by {@code B}, {@code KB}/{@code KiB} (1024 bytes),
     * {@code MB}/{@code MiB} or {@code GB}/{@code GiB}. AWS's "32 KB" frame limit is 32768 bytes, hence binary units.
     *
     * @throws IllegalArgumentException with a message fit for a user when the text is not a size
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write bytes or a number with a unit: "
                    + "32768, 32KB, 128KiB or 1MB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit) {
            case "kb", "kib" -> 1024L;
            case "mb", "mib" -> 1024L * 1024;
            case "gb", "gib" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        if (n > Long.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return n * factor;
    }

    /** Formats a duration the way configuration files write it, for messages and docs. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
