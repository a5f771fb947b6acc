package io.switchboard.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The tables of RESULTS.md: one per scenario, servers as rows, the median and (min–max) of each metric. */
public final class Markdown {

    private Markdown() {
    }

    /** Metrics shown for a scenario, in order, with their column titles. */
    static final Map<String, List<String[]>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("echo", List.of(col("round_trips_per_s", "round trips/s"), col("p50_us", "p50 µs"),
                col("p99_us", "p99 µs"), col("p999_us", "p99.9 µs"), col("server_cpu_pct", "server CPU %"),
                col("server_cpu_us_per_op", "server CPU µs/round trip")));
        COLUMNS.put("echo@rate", List.of(col("round_trips_per_s", "round trips/s"), col("p50_us", "p50 µs"),
                col("p99_us", "p99 µs"), col("p999_us", "p99.9 µs"), col("server_cpu_pct", "server CPU %")));
        COLUMNS.put("rooms", List.of(col("deliveries_per_s", "deliveries/s"),
                col("delivery_p50_us", "publish→deliver p50 µs"), col("delivery_p99_us", "p99 µs"),
                col("server_cpu_pct", "server CPU %"), col("server_cpu_us_per_op", "server CPU µs/delivery")));
        COLUMNS.put("rooms@rate", List.of(col("deliveries_per_s", "deliveries/s"),
                col("delivery_p50_us", "publish→deliver p50 µs"), col("delivery_p99_us", "p99 µs"),
                col("delivery_p999_us", "p99.9 µs"), col("server_cpu_pct", "server CPU %")));
        COLUMNS.put("cluster", List.of(col("deliveries_per_s", "deliveries/s"),
                col("cross_node_deliveries_per_s", "of them across nodes/s"),
                col("delivery_p50_us", "publish→deliver p50 µs"), col("delivery_p99_us", "p99 µs"),
                col("server_cpu_pct", "server CPU %"), col("server_cpu_us_per_op", "server CPU µs/delivery")));
        COLUMNS.put("cluster@rate", COLUMNS.get("rooms@rate"));
        COLUMNS.put("broadcast", List.of(col("deliveries_per_s", "deliveries/s"),
                col("server_cpu_us_per_delivery", "server CPU µs/delivery"),
                col("broadcast_rtt_p50_us", "broadcast RTT p50 µs"), col("broadcast_rtt_p99_us", "p99 µs"),
                col("server_cpu_pct", "server CPU %")));
        COLUMNS.put("connect", List.of(col("connects_per_s", "connections/s"),
                col("handshake_p50_us", "handshake p50 µs"), col("handshake_p99_us", "p99 µs"),
                col("server_cpu_us_per_connect", "server CPU µs/connection"), col("failed", "failed")));
        COLUMNS.put("manage", List.of(col("posts_per_s", "posts/s"), col("post_p50_us", "p50 µs"),
                col("post_p99_us", "p99 µs"), col("server_cpu_us_per_post", "server CPU µs/post"),
                col("failed", "failed")));
        COLUMNS.put("idle", List.of(col("rss_per_conn_bytes", "RSS bytes/connection"),
                col("heap_per_conn_bytes", "heap bytes/connection"),
                col("cpu_us_per_conn_per_s", "CPU µs/connection/s"), col("rss_total_mb", "RSS MB")));
    }

    private static String[] col(String key, String title) {
        return new String[] {key, title};
    }

    /**
     * A table for one scenario: one row per server; the last column is Switchboard's primary metric divided by that
     * server's (for metrics where lower is better, the server's divided by Switchboard's), so above 1 means
     * Switchboard is ahead. Switchboard on the Redis engine is not a peer: its row has no advantage, and a line under
     * the table gives its primary metric over the memory engine's. In the cluster scenarios a peer's cluster is
     * compared with Switchboard's cluster and a one-node peer with one Switchboard node on Redis, and lines under the
     * table say what three nodes give over one, for Switchboard and for Socket.IO.
     */
    public static String table(String scenario, List<Summary> rows, String primary, boolean higherIsBetter) {
        List<String[]> cols = COLUMNS.getOrDefault(scenario, List.<String[]>of(col(primary, primary)));
        StringBuilder b = new StringBuilder();
        b.append("| server |");
        cols.forEach(c -> b.append(' ').append(c[1]).append(" |"));
        b.append(" Switchboard advantage |\n|---|");
        cols.forEach(c -> b.append("---:|"));
        b.append("---:|\n");
        boolean cluster = scenario.startsWith("cluster");
        double ours = median(rows, cluster ? CLUSTER : "switchboard", primary);
        for (Summary row : rows) {
            b.append("| ").append(row.server()).append(" |");
            for (String[] c : cols) {
                Summary.Stat s = row.metrics().get(c[0]);
                b.append(' ').append(s == null ? "–" : cell(s)).append(" |");
            }
            double theirs = row.median(primary);
            // In the cluster tables a one-node peer is compared with one Switchboard node, a cluster with the cluster.
            double mine = cluster ? median(rows, row.server().endsWith("-cluster") ? CLUSTER : REDIS, primary) : ours;
            double ratio = higherIsBetter ? mine / theirs : theirs / mine;
            b.append(' ').append(row.server().startsWith("switchboard") || Double.isNaN(ratio) ? "–"
                    : String.format(Locale.ROOT, "%.2f×", ratio)).append(" |\n");
        }
        String title = cols.stream().filter(c -> c[0].equals(primary)).map(c -> c[1]).findFirst().orElse(primary);
        if (cluster) {
            for (String[] pair : new String[][] {{CLUSTER, REDIS}, {"socket.io-cluster", "socket.io"}}) {
                double three = median(rows, pair[0], primary);
                double one = median(rows, pair[1], primary);
                if (!Double.isNaN(three) && !Double.isNaN(one)) {
                    b.append(String.format(Locale.ROOT, "%n**%s / %s** (three nodes over one, %s): **%.2f×**%n",
                            pair[0], pair[1], title, three / one));
                }
            }
            return b.toString();
        }
        double redis = median(rows, REDIS, primary);
        if (!Double.isNaN(redis) && !Double.isNaN(ours)) {
            b.append(String.format(Locale.ROOT, "%n**%s / switchboard** (%s, %s is better): **%.2f×**%n", REDIS, title,
                    higherIsBetter ? "higher" : "lower", redis / ours));
        }
        return b.toString();
    }

    /** The label of Switchboard on the Redis engine (with a redis-server of its own). */
    static final String REDIS = "switchboard-redis";
    /** The label of three Switchboard nodes sharing one Redis. */
    static final String CLUSTER = "switchboard-cluster";

    private static double median(List<Summary> rows, String server, String metric) {
        return rows.stream().filter(r -> r.server().equals(server)).findFirst().map(r -> r.median(metric))
                .orElse(Double.NaN);
    }

    static String cell(Summary.Stat s) {
        if (s.min() == s.max()) {
            return Chart.format(s.median());
        }
        return Chart.format(s.median()) + " (" + Chart.format(s.min()) + "–" + Chart.format(s.max()) + ")";
    }

    /** The servers of a scenario in a fixed order: Switchboard first. */
    public static List<Summary> ordered(List<Summary> all, String scenario) {
        List<Summary> out = new ArrayList<>();
        for (String server : List.of("switchboard", REDIS, CLUSTER, "raw-netty", "node-ws", "socket.io",
                "socket.io-cluster", "serverless-offline")) {
            all.stream().filter(s -> s.scenario().equals(scenario) && s.server().equals(server)).forEach(out::add);
        }
        return out;
    }
}
