package io.switchboard.bench.soak;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Durations on the command line: {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, ISO-8601 ({@code PT90S}). */
public final class Durations {

    public static Duration parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("pt") || v.startsWith("p")) {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a duration: " + value + " (say 90s, 10m, 1h, 500ms)");
        }
        double n = Double.parseDouble(v.substring(0, i));
        double millis = switch (v.substring(i).strip()) {
            case "ms" -> n;
            case "", "s" -> n * 1000;
            case "m", "min" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> throw new IllegalArgumentException("not a duration: " + value + " (say 90s, 10m, 1h, 500ms)");
        };
        return Duration.ofMillis(Math.round(millis));
    }

    /** {@code 10 min}, {@code 90 s}, {@code 1 h 30 min}: for reports. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0 && s >= 3600) {
            return s / 3600 + " h";
        }
        if (s >= 3600) {
            return s / 3600 + " h " + (s % 3600) / 60 + " min";
        }
        if (s % 60 == 0 && s >= 60) {
            return s / 60 + " min";
        }
        return s + " s";
    }

    private Durations() {
    }

    /** For picocli, which needs a public no-argument constructor. */
    public static final class Converter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parse(value);
        }
    }
}
