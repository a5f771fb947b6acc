package io.switchboard.bench.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the server's live heap stayed flat: a least-squares line through the measurements taken after the warm-up
 * (the last one after the load stopped, with every connection still open), and the growth it projects over the
 * whole load. Flat means that growth is within {@value #TOLERANCE_PCT} % of the live heap at the start or
 * {@value #TOLERANCE_MB} MB, whichever is more: a leak of a few hundred bytes per message or per reconnect shows
 * far beyond that in ten minutes, while what is in flight at the moment of a measurement stays within it.
 */
final class HeapTrend {
    static final double TOLERANCE_PCT = 5;
    static final double TOLERANCE_MB = 2;

    private HeapTrend() {
    }

    static Map<String, Object> of(List<Map<String, Object>> samples, double warmupSeconds, double loadSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (samples.isEmpty()) {
            return m;
        }
        double start = num(samples.get(0), "live_mb");
        double end = num(samples.get(samples.size() - 1), "live_mb");
        m.put("start_mb", start);
        m.put("end_mb", end);
        m.put("max_mb", samples.stream().mapToDouble(s -> num(s, "live_mb")).max().orElse(start));
        List<Map<String, Object>> fit = samples.stream().filter(s -> num(s, "t_s") >= warmupSeconds).toList();
        if (fit.size() < 2) {
            fit = samples;
        }
        if (fit.size() < 2) {
            return m;
        }
        double n = fit.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Map<String, Object> s : fit) {
            double x = num(s, "t_s") / 60;
            double y = num(s, "live_mb");
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        double slope = denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        double growth = slope * loadSeconds / 60;
        double tolerance = Math.max(TOLERANCE_MB, start * TOLERANCE_PCT / 100);
        m.put("slope_mb_per_min", SoakRun.round(slope, 3));
        m.put("fitted_from_s", num(fit.get(0), "t_s"));
        m.put("fitted_samples", fit.size());
        m.put("projected_growth_mb", SoakRun.round(growth, 2));
        m.put("tolerance_mb", SoakRun.round(tolerance, 2));
        m.put("flat", growth <= tolerance); // a heap that shrinks does not leak
        return m;
    }

    static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
