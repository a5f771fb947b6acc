package io.switchboard.bench.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any thread (HdrHistogram's {@link Recorder}), read out one interval at a time; intervals
 * after the warm-up are added to the run's total. Microsecond resolution up to 120 s (longer counts as 120 s): a
 * fixed size whatever the run's length.
 */
final class IntervalLatency {
    private static final long LOWEST = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(120);
    private final Recorder recorder = new Recorder(LOWEST, HIGHEST, 3);
    private final Histogram total = new Histogram(LOWEST, HIGHEST, 3);
    private Histogram interval;

    void record(long nanos) {
        recorder.recordValue(Math.max(LOWEST, Math.min(nanos, HIGHEST)));
    }

    /** What was recorded since the last call; added to the total when {@code counted}. */
    synchronized Histogram interval(boolean counted) {
        interval = recorder.getIntervalHistogram(interval);
        if (counted) {
            total.add(interval);
        }
        return interval;
    }

    synchronized Histogram total() {
        return total.copy();
    }

    /** p50, p99, p99.9 and max in milliseconds, and the count, keys prefixed. */
    static Map<String, Object> summary(Histogram h, String prefix) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(prefix + "count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put(prefix + "p50_ms", ms(h.getValueAtPercentile(50)));
            m.put(prefix + "p99_ms", ms(h.getValueAtPercentile(99)));
            m.put(prefix + "p999_ms", ms(h.getValueAtPercentile(99.9)));
            m.put(prefix + "max_ms", ms(h.getMaxValue()));
        }
        return m;
    }

    static double ms(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }
}
