package io.switchboard.bench.soak;

import io.switchboard.bench.report.Chart;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code soak.json}, {@code soak.png} and the soak's section of {@code RESULTS.md}, always rendered from the JSON as
 * written, so that {@code bench report --results …/soak.json} writes the same section again. The section sits
 * between two marker comments; it replaces the previous soak section and leaves the rest of the file as it was.
 */
public final class SoakReport {
    public static final String BEGIN = "<!-- soak:begin";
    public static final String END = "<!-- soak:end -->";
    static final double GOAL_P99_MS = 200;
    /** A load generator whose sends left later than this behind schedule did not offer the load it meant to. */
    static final double LAG_WARNING_MS = 100;
    /** The share of the server's CPU that other processes used beyond which a shared machine skewed the run. */
    static final double OTHERS_WARNING_PCT = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SoakReport() {
    }

    /** Writes {@code soak.json} and returns it as read back. */
    public static Map<String, Object> writeJson(Map<String, Object> record, Path file) throws IOException {
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        return read(file);
    }

    public static Map<String, Object> read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() { });
    }

    /** Whether a recorded file is a soak's (rather than a comparison's {@code results.json}). */
    public static boolean isSoak(Map<String, Object> record) {
        return "soak".equals(record.get("kind"));
    }

    /** Writes the plot and the RESULTS.md section (unless {@code resultsMd} is null) from a recorded soak. */
    public static void render(Map<String, Object> record, Path dir, Path root, Path resultsMd) throws IOException {
        chart(record, dir.resolve("soak.png"));
        if (resultsMd != null) {
            String existing = Files.exists(resultsMd) ? Files.readString(resultsMd) : "";
            String notes = notesHeading(root);
            Files.writeString(resultsMd, splice(existing, section(record, root, dir), notes));
        }
    }

    // ---- the plot ----

    static void chart(Map<String, Object> record, Path file) throws IOException {
        List<Map<String, Object>> series = list(record.get("series"));
        List<Map<String, Object>> heap = list(record.get("heap"));
        double[] t = column(series, "t_s");
        List<Chart.LinePanel> panels = new ArrayList<>();
        panels.add(new Chart.LinePanel("Server resident memory (RSS)", "MB", List.of(
                new Chart.Series("RSS", new Color(0x1565C0), t, column(series, "server_rss_mb"))), Double.NaN, "",
                false));
        panels.add(new Chart.LinePanel("Server live heap after a full GC", "MB", List.of(
                new Chart.Series("live heap", new Color(0x2E7D32), column(heap, "t_s"), column(heap, "live_mb"))),
                Double.NaN, "", false));
        panels.add(new Chart.LinePanel("Healthy clients' latency per interval, from the scheduled send", "ms, log scale",
                List.of(new Chart.Series("room publish→deliver p99", new Color(0xEF6C00), t, column(series, "p99_ms")),
                        new Chart.Series("room p50", new Color(0x8D6E63), t, column(series, "p50_ms")),
                        new Chart.Series("@connections post→receive p99", new Color(0x6A1B9A), t,
                                column(series, "post_p99_ms")),
                        new Chart.Series("load generator's lateness (its own, not the gateway's)", new Color(0xB0BEC5),
                                t, column(series, "client_lag_ms"))), GOAL_P99_MS, "goal: p99 ≤ 200 ms", true));
        panels.add(new Chart.LinePanel("Deliveries", "per second", List.of(
                new Chart.Series("deliveries/s", new Color(0x00838F), t, column(series, "deliveries_per_s"))),
                Double.NaN, "", false));
        double[] errors = column(series, "errors_total");
        double[] slow = new double[series.size()];
        double cumulative = 0;
        for (int i = 0; i < series.size(); i++) {
            Map<String, Object> expected = map(series.get(i).get("expected"));
            cumulative += num(expected, "slow_closed_1008", 0) + num(expected, "slow_dropped_by_gateway", 0);
            slow[i] = cumulative;
        }
        panels.add(new Chart.LinePanel("Unexpected errors and slow consumers closed (cumulative)", "count", List.of(
                new Chart.Series("unexpected errors", new Color(0xC62828), t, errors),
                new Chart.Series("slow consumers closed by the gateway (1008)", new Color(0x546E7A), t, slow)),
                Double.NaN, "", false));
        Map<String, Object> totals = map(record.get("totals"));
        Chart.writeLines(file, String.format(Locale.ROOT, "Switchboard soak: %,d connections for %s",
                (long) num(totals, "connections", 0), minutes(num(totals, "duration_s", 0))), panels);
    }

    // ---- the section ----

    static String section(Map<String, Object> record, Path root, Path dir) {
        Map<String, Object> totals = map(record.get("totals"));
        Map<String, Object> settings = map(record.get("settings"));
        Map<String, Object> layout = map(record.get("layout"));
        Map<String, Object> env = map(record.get("environment"));
        Map<String, Object> latency = map(totals.get("latency"));
        Map<String, Object> heap = map(totals.get("heap"));
        Map<String, Object> slow = map(totals.get("slow_consumers"));
        Map<String, Object> server = map(totals.get("server"));
        Map<String, Object> errors = map(totals.get("errors"));
        String rel = relative(root, dir);
        String bench = relative(root.resolve("bench"), dir);
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append(" — written by `bench soak`; `java -jar bench/target/switchboard-bench.jar report ")
                .append("--results ").append(rel).append("/soak.json` writes it again -->\n");
        b.append(String.format(Locale.ROOT, "## Soak: %,d connections for %s%n%n", (long) num(totals, "connections", 0),
                minutes(num(totals, "duration_s", 0))));
        b.append("Generated by `bench soak` on ").append(record.get("generated")).append(".\n\n");
        b.append("- Command: `").append(record.get("command")).append("`\n");
        b.append("- Machine: ").append(env.get("cpu")).append(", ").append(env.get("cores")).append(" cores, ")
                .append(env.get("memory")).append(", Linux ").append(env.get("kernel")).append("; ")
                .append(env.get("java")).append('\n');
        b.append("- Raw results: `").append(rel).append("/soak.json` (the time series, one sample every ")
                .append(dur(settings.get("sampleEvery"))).append("); plot: `").append(rel).append("/soak.png`\n");
        b.append(String.format(Locale.ROOT, "- Workload: %,d members in %,d rooms of %s, each sending one message "
                        + "of %s bytes every %s (its own period, on a fixed schedule); %s busy rooms whose members "
                        + "send %s messages/s of %s bytes, which %s slow consumers join before they stop reading; "
                        + "%s `POST @connections/{id}`/s to random healthy members; %s connections (%s %%) leaving and "
                        + "coming back every %s (4 in 5 with a close handshake, 1 in 5 dropping TCP).%n",
                (long) num(layout, "room_members", 0), (long) (num(layout, "rooms", 0) + num(layout, "busy_rooms", 0)),
                settings.get("roomSize"), settings.get("payloadBytes"), range(settings.get("sendIntervalMin"),
                settings.get("sendIntervalMax")), layout.get("busy_rooms"), fmt(num(settings, "busyRate", 0)),
                settings.get("busyPayloadBytes"), layout.get("slow_consumers"), fmt(num(settings, "postsPerSecond", 0)),
                layout.get("churners"), fmt(num(settings, "churnPercent", 0)), range(settings.get("churnLifetimeMin"),
                settings.get("churnLifetimeMax"))));
        b.append("- Method: the server (`server/target/switchboard.jar` with `bench/config/switchboard.yaml` and "
                + "`server/jvm.options`) pinned to CPU 0, this load generator to CPU 1; latency counted from each "
                + "message's scheduled send time (no coordinated omission), after a ").append(dur(settings.get("warmup")))
                .append(" warm-up; the live heap after a full GC (`jcmd GC.class_histogram`) at the start, every ")
                .append(dur(settings.get("heapEvery"))).append(" and after the load, each collection a pause the "
                        + "latency includes.\n\n");

        double p99 = num(latency, "p99_ms", Double.NaN);
        boolean p99Met = !Double.isNaN(p99) && p99 <= GOAL_P99_MS;
        Object flat = heap.get("flat");
        boolean heapMet = Boolean.TRUE.equals(flat);
        long unexpected = (long) num(totals, "unexpected_errors", 0);
        boolean errorsMet = unexpected == 0;
        boolean met = p99Met && heapMet && errorsMet;
        b.append("**Goal: p99 ≤ 200 ms, live heap flat, 0 unexpected errors — ").append(met ? "met" : "missed")
                .append(".** ");
        b.append(String.format(Locale.ROOT, "p99 %s ms (%s); live heap %s (%s); %,d unexpected errors (%s).%n%n",
                fmt(p99), p99Met ? "met" : "missed",
                flat == null ? "not measured" : String.format(Locale.ROOT, "%+.2f MB over the run by its trend, "
                        + "tolerance %s MB", num(heap, "projected_growth_mb", 0), fmt(num(heap, "tolerance_mb", 0))),
                flat == null ? "missed" : heapMet ? "flat: met" : "growing: missed", unexpected,
                errorsMet ? "met" : "missed"));

        double lag = num(map(totals.get("client")), "max_send_lag_ms", 0);
        double clientOthers = num(map(totals.get("client")), "cpu_others_avg_pct", Double.NaN);
        double serverOthers = num(server, "cpu_others_avg_pct", Double.NaN);
        if (lag > GOAL_P99_MS) {
            b.append(String.format(Locale.ROOT, "> The load generator's own sends left up to %s s behind their "
                    + "schedule; latency counts from the schedule, so it includes that (other processes used %s %% of "
                    + "its CPU on average; `client_lag_ms`, `client_cpu_others_pct` and `client_gc_ms` in the series "
                    + "say when).%s%n%n", fmt(lag / 1000), fmt(clientOthers),
                    lag > 1000 || clientOthers > OTHERS_WARNING_PCT ? " **Run again on a quiet machine.**" : ""));
        }
        if (serverOthers > OTHERS_WARNING_PCT) {
            b.append(String.format(Locale.ROOT, "> **Other processes used %s %% of the server's CPU on average** "
                    + "(`server_cpu_others_pct` in the series): the server's latency includes the wait. **Run again "
                    + "on a quiet machine.**%n%n", fmt(serverOthers)));
        }
        Map<String, Object> setup = map(record.get("setup"));
        b.append("| measure | value |\n|---|---:|\n");
        row(b, "connections", String.format(Locale.ROOT, "%,d (%,d open after %s s of setup)",
                (long) num(totals, "connections", 0), (long) num(setup, "connections_open", 0),
                fmt(num(setup, "seconds", 0))));
        row(b, "duration", minutes(num(totals, "duration_s", 0)) + " (stopped: " + record.get("stopped") + ")");
        row(b, "deliveries", String.format(Locale.ROOT, "%,d (%,d/s): %,d room messages, %,d management posts",
                (long) num(totals, "deliveries", 0), (long) num(totals, "deliveries_per_s", 0),
                (long) num(totals, "room_deliveries", 0), (long) num(totals, "post_deliveries", 0)));
        row(b, "healthy publish→deliver p50 / p99 / p99.9 (max)", quantiles(latency));
        row(b, "worst interval p99", fmt(num(totals, "worst_interval_p99_ms", Double.NaN)) + " ms");
        row(b, "@connections post→receive p50 / p99 / p99.9 (max)", quantiles(map(totals.get("post_latency"))));
        Map<String, Object> churn = map(totals.get("churn_handshake"));
        row(b, "churn: reconnects; handshake p50 / p99 (max)", String.format(Locale.ROOT, "%,d; %s",
                (long) num(totals, "churn_reconnects", 0), quantiles3(churn)));
        row(b, "server RSS max (first → last sample)", String.format(Locale.ROOT, "%s MB (%s → %s)",
                fmt(num(server, "rss_max_mb", Double.NaN)), fmt(num(server, "rss_start_mb", Double.NaN)),
                fmt(num(server, "rss_end_mb", Double.NaN))));
        row(b, "server CPU, average (other processes on its CPU: average / worst second)", String.format(Locale.ROOT,
                "%s %% (%s / %s %%)", fmt(num(server, "cpu_avg_pct", Double.NaN)),
                fmt(num(server, "cpu_others_avg_pct", Double.NaN)),
                fmt(num(server, "cpu_others_max_pct", Double.NaN))));
        row(b, "live heap start → end (slope)", String.format(Locale.ROOT, "%s → %s MB (%+.3f MB/min)",
                fmt(num(heap, "start_mb", Double.NaN)), fmt(num(heap, "end_mb", Double.NaN)),
                num(heap, "slope_mb_per_min", Double.NaN)));
        Map<String, Object> client = map(totals.get("client"));
        row(b, "load generator: CPU average (other processes on its CPU, average); worst lateness of a send",
                String.format(Locale.ROOT, "%s %% (%s %%); %s ms", fmt(num(client, "cpu_avg_pct", Double.NaN)),
                        fmt(num(client, "cpu_others_avg_pct", Double.NaN)),
                        fmt(num(client, "max_send_lag_ms", Double.NaN))));
        row(b, "unexpected errors", String.format(Locale.ROOT, "%,d", unexpected));
        Map<String, Object> gone = map(slow.get("time_to_gone"));
        row(b, "slow consumers closed with 1008 (close frame read + TCP dropped by the gateway) of stalls",
                String.format(Locale.ROOT, "%,d (%,d + %,d) of %,d",
                        (long) (num(slow, "closed_1008", 0) + num(slow, "dropped_by_gateway", 0)),
                        (long) num(slow, "closed_1008", 0), (long) num(slow, "dropped_by_gateway", 0),
                        (long) num(slow, "stalls", 0)));
        row(b, "slow consumer given up (410) after it stopped reading, p50 / max", String.format(Locale.ROOT,
                "%s / %s s", fmt(num(gone, "p50_ms", Double.NaN) / 1000), fmt(num(gone, "max_ms", Double.NaN) / 1000)));
        Map<String, Object> drop = map(slow.get("time_to_drop"));
        row(b, "slow consumer's TCP dropped by the gateway after it stopped reading, p50 / max",
                num(drop, "count", 0) == 0 ? "never" : String.format(Locale.ROOT, "%s / %s s",
                        fmt(num(drop, "p50_ms", Double.NaN) / 1000), fmt(num(drop, "max_ms", Double.NaN) / 1000)));
        b.append('\n');

        b.append("Unexpected errors by kind: ");
        if (errors.isEmpty()) {
            b.append("none.\n\n");
        } else {
            b.append("\n\n| kind | count |\n|---|---:|\n");
            errors.forEach((k, v) -> row(b, "`" + k + "`", String.format(Locale.ROOT, "%,d", (long) num(errors, k, 0))));
            b.append('\n');
        }
        Map<String, Object> expected = map(totals.get("expected"));
        if (!expected.isEmpty()) {
            b.append("Expected events: ");
            List<String> parts = new ArrayList<>();
            expected.forEach((k, v) -> parts.add("`" + k + "` " + String.format(Locale.ROOT, "%,d",
                    (long) num(expected, k, 0))));
            b.append(String.join(", ", parts)).append(".\n\n");
        }
        Map<String, Object> log = map(record.get("server_log"));
        if (!log.isEmpty()) {
            b.append(String.format(Locale.ROOT, "Server log: %,d warnings, %,d errors.",
                    (long) num(log, "warnings", 0), (long) num(log, "errors", 0)));
            List<Object> first = list2(log.get("first"));
            if (!first.isEmpty()) {
                b.append(" First distinct lines:\n\n");
                first.stream().limit(5).forEach(l -> b.append("    ").append(l).append('\n'));
            }
            b.append("\n\n");
        }
        b.append("![soak](").append(bench).append("/soak.png)\n");
        b.append(END).append('\n');
        return b.toString();
    }

    /**
     * The text with the soak section replaced, or, where there is none yet, put before the analysis that
     * {@code bench/NOTES.md} adds ({@code notesHeading}, its first line), or at the end.
     */
    public static String splice(String existing, String block, String notesHeading) {
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < existing.length() && existing.charAt(after) == '\n') {
                after++;
            }
            return existing.substring(0, begin) + block + existing.substring(after);
        }
        if (existing.isBlank()) {
            return "# Benchmark results\n\n" + block;
        }
        if (notesHeading != null) {
            int at = existing.indexOf("\n" + notesHeading + "\n");
            if (at >= 0) {
                return existing.substring(0, at + 1) + block + "\n" + existing.substring(at + 1);
            }
        }
        return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + block;
    }

    /** The soak section of a RESULTS.md, if it has one (the comparison's report keeps it). */
    public static Optional<String> extract(String existing) {
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin < 0 || end < begin) {
            return Optional.empty();
        }
        return Optional.of(existing.substring(begin, end + END.length()) + "\n");
    }

    /** The first line of bench/NOTES.md, where the analysis that follows the tables starts. */
    static String notesHeading(Path root) {
        Path notes = root.resolve("bench/NOTES.md");
        try {
            return Files.exists(notes) ? Files.readAllLines(notes).stream().filter(l -> !l.isBlank()).findFirst()
                    .orElse(null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    // ---- helpers ----

    private static void row(StringBuilder b, String what, String value) {
        b.append("| ").append(what).append(" | ").append(value).append(" |\n");
    }

    private static String quantiles(Map<String, Object> h) {
        if (num(h, "count", 0) == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s / %s / %s ms (%s ms)", fmt(num(h, "p50_ms", Double.NaN)),
                fmt(num(h, "p99_ms", Double.NaN)), fmt(num(h, "p999_ms", Double.NaN)),
                fmt(num(h, "max_ms", Double.NaN)));
    }

    private static String quantiles3(Map<String, Object> h) {
        if (num(h, "count", 0) == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s / %s ms (%s ms)", fmt(num(h, "p50_ms", Double.NaN)),
                fmt(num(h, "p99_ms", Double.NaN)), fmt(num(h, "max_ms", Double.NaN)));
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        String text = a >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return new java.math.BigDecimal(text).stripTrailingZeros().toPlainString();
    }

    private static String minutes(double seconds) {
        return Durations.human(java.time.Duration.ofSeconds(Math.round(seconds)));
    }

    /** A duration as recorded (ISO-8601, {@code PT5S}), for people ({@code 5 s}). */
    private static String dur(Object iso) {
        if (iso == null) {
            return "–";
        }
        try {
            java.time.Duration d = java.time.Duration.parse(iso.toString());
            if (d.toMillis() % 1000 != 0) {
                return d.toMillis() + " ms";
            }
            return Durations.human(d);
        } catch (RuntimeException e) {
            return iso.toString();
        }
    }

    /** {@code 5–10 s}, or {@code 30 s–2 min} when the units differ. */
    private static String range(Object min, Object max) {
        String a = dur(min);
        String b = dur(max);
        if (a.equals(b)) {
            return a;
        }
        int sa = a.lastIndexOf(' ');
        int sb = b.lastIndexOf(' ');
        if (sa > 0 && sb > 0 && a.substring(sa).equals(b.substring(sb)) && a.indexOf(' ') == sa) {
            return a.substring(0, sa) + "–" + b;
        }
        return a + "–" + b;
    }

    private static String relative(Path base, Path dir) {
        try {
            return base.toAbsolutePath().normalize().relativize(dir.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return dir.toString();
        }
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(rows.get(i), key, Double.NaN);
        }
        return out;
    }

    static double num(Map<String, Object> m, String key, double otherwise) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : otherwise;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list2(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
