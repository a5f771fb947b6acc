package io.switchboard.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The targets, checked against a comparison's medians. */
final class Targets {

    private Targets() {
    }

    private record Target(String what, String goal, double limit, boolean atLeast, Measure measure) {
    }

    @FunctionalInterface
    private interface Measure {
        Optional<Double> of(List<Summary> all);
    }

    private static final List<Target> TARGETS = List.of(
            new Target("mock-route round trips/s vs raw Netty echo", "≥ 0.8×", 0.8, true,
                    all -> ratio(all, "echo", "round_trips_per_s", "raw-netty")),
            new Target("mock-route round trips/s, Redis engine vs memory engine", "≥ 0.9×", 0.9, true,
                    all -> ours(all, "echo", "round_trips_per_s").flatMap(m -> find(all, "echo", Markdown.REDIS)
                            .map(s -> s.median("round_trips_per_s") / m)).filter(v -> !v.isNaN())),
            new Target("room fan-out deliveries/s vs Socket.IO", "≥ 3×", 3, true,
                    all -> ratio(all, "rooms", "deliveries_per_s", "socket.io")),
            new Target("cluster deliveries/s, three nodes vs three Socket.IO with the Redis adapter", "≥ 3×", 3, true,
                    all -> cluster(all, "cluster", "deliveries_per_s").map(r -> r[0] / r[1])),
            new Target("cluster p99 at 1 message/s per member vs Socket.IO's (theirs over ours)", "≥ 1×", 1, true,
                    all -> cluster(all, "cluster@rate", "delivery_p99_us").map(r -> r[1] / r[0])),
            new Target("room fan-out vs serverless-offline (seed handlers)", "≥ 100×", 100, true,
                    all -> ratio(all, "rooms", "deliveries_per_s", "serverless-offline")),
            new Target("RSS per idle connection", "≤ 6 KB", 6 * 1024, false,
                    all -> ours(all, "idle", "rss_per_conn_bytes")),
            new Target("server CPU per fan-out delivery", "≤ 0.5 µs", 0.5, false,
                    all -> ours(all, "broadcast", "server_cpu_us_per_delivery")),
            new Target("p99 latency at half the maximum load, mock route", "≤ 1 ms", 1000, false,
                    all -> ours(all, "echo@rate", "p99_us")));

    static String table(List<Summary> all) {
        StringBuilder b = new StringBuilder("## Targets\n\n| metric | target | measured | met |\n|---|---|---:|:---:|\n");
        for (Target t : TARGETS) {
            Optional<Double> v = t.measure().of(all);
            String measured = v.map(x -> t.limit() >= 10 && !t.atLeast() ? Chart.format(x)
                    : String.format(Locale.ROOT, t.atLeast() ? "%.2f×" : "%.2f", x)).orElse("not measured");
            String met = v.map(x -> (t.atLeast() ? x >= t.limit() : x <= t.limit()) ? "yes" : "**no**").orElse("–");
            b.append("| ").append(t.what()).append(" | ").append(t.goal()).append(" | ").append(measured)
                    .append(" | ").append(met).append(" |\n");
        }
        return b.toString();
    }

    private static Optional<Double> ours(List<Summary> all, String scenario, String metric) {
        return find(all, scenario, "switchboard").map(s -> s.median(metric)).filter(v -> !v.isNaN());
    }

    private static Optional<Double> ratio(List<Summary> all, String scenario, String metric, String peer) {
        Optional<Double> mine = ours(all, scenario, metric);
        Optional<Double> theirs = find(all, scenario, peer).map(s -> s.median(metric)).filter(v -> !v.isNaN());
        return mine.flatMap(m -> theirs.map(t -> m / t));
    }

    /** Switchboard's cluster and Socket.IO's, both measured: {ours, theirs}. */
    private static Optional<double[]> cluster(List<Summary> all, String scenario, String metric) {
        Optional<Double> ours = find(all, scenario, Markdown.CLUSTER).map(s -> s.median(metric)).filter(v -> !v.isNaN());
        Optional<Double> theirs = find(all, scenario, "socket.io-cluster").map(s -> s.median(metric))
                .filter(v -> !v.isNaN());
        return ours.flatMap(o -> theirs.map(t -> new double[] {o, t}));
    }

    private static Optional<Summary> find(List<Summary> all, String scenario, String server) {
        return all.stream().filter(s -> s.scenario().equals(scenario) && s.server().equals(server)).findFirst();
    }
}
