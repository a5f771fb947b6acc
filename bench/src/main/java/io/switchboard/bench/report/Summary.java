package io.switchboard.bench.report;

import io.switchboard.bench.scenario.Result;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The runs of one scenario against one server, reduced to median, minimum and maximum per metric. */
public record Summary(String scenario, String server, Map<String, Object> params, Map<String, Stat> metrics,
                      int runs) {

    /** Median, minimum and maximum of one metric over the runs. */
    public record Stat(double median, double min, double max) {
    }

    /** Groups results by scenario and server (in first-seen order) and summarises each group. */
    public static List<Summary> of(List<Result> results) {
        Map<String, List<Result>> groups = new LinkedHashMap<>();
        for (Result r : results) {
            groups.computeIfAbsent(r.scenario() + "\u0000" + r.server(), k -> new ArrayList<>()).add(r);
        }
        List<Summary> out = new ArrayList<>();
        for (List<Result> runs : groups.values()) {
            Map<String, Stat> stats = new LinkedHashMap<>();
            TreeSet<String> keys = new TreeSet<>();
            runs.forEach(r -> keys.addAll(r.metrics().keySet()));
            for (String key : keys) {
                List<Double> values = new ArrayList<>();
                runs.forEach(r -> {
                    double v = r.metric(key);
                    if (!Double.isNaN(v)) {
                        values.add(v);
                    }
                });
                if (!values.isEmpty()) {
                    Collections.sort(values);
                    double median = values.size() % 2 == 1 ? values.get(values.size() / 2)
                            : (values.get(values.size() / 2 - 1) + values.get(values.size() / 2)) / 2;
                    stats.put(key, new Stat(median, values.get(0), values.get(values.size() - 1)));
                }
            }
            Result first = runs.get(0);
            out.add(new Summary(first.scenario(), first.server(), first.params(), stats, runs.size()));
        }
        return out;
    }

    public double median(String metric) {
        Stat s = metrics.get(metric);
        return s == null ? Double.NaN : s.median();
    }
}
