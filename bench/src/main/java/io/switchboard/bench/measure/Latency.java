package io.switchboard.bench.measure;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Latencies in nanoseconds, recorded from any thread (HdrHistogram's {@link Recorder}). */
public final class Latency {
    private static final long HIGHEST = TimeUnit.SECONDS.toNanos(120);
    private final Recorder recorder = new Recorder(HIGHEST, 3);
    private Histogram total = new Histogram(HIGHEST, 3);

    public void record(long nanos) {
        recorder.recordValue(Math.max(0, Math.min(nanos, HIGHEST)));
    }

    /** Forgets what was recorded so far (the warm-up). */
    public synchronized void reset() {
        recorder.getIntervalHistogram();
        total = new Histogram(HIGHEST, 3);
    }

    /** Everything recorded since the last reset. */
    public synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    /** p50, p99, p99.9 and max in microseconds, and the count. */
    public static Map<String, Double> summary(Histogram h, String prefix) {
        return Map.of(
                prefix + "p50_us", h.getValueAtPercentile(50) / 1000.0,
                prefix + "p99_us", h.getValueAtPercentile(99) / 1000.0,
                prefix + "p999_us", h.getValueAtPercentile(99.9) / 1000.0,
                prefix + "max_us", h.getMaxValue() / 1000.0);
    }
}
