package io.switchboard.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's report plumbing: its RESULTS.md section replaces itself only, and renders from soak.json alone. */
class SoakReportTest {
    private static final String BLOCK = SoakReport.BEGIN + " x -->\n## Soak: new\n" + SoakReport.END + "\n";

    @Test
    void aFirstSectionGoesBeforeTheAnalysis() {
        String md = "# Benchmark results\n\n## Idle\n\n| a |\n\n## Analysis\n\ntext\n";
        String out = SoakReport.splice(md, BLOCK, "## Analysis");
        assertThat(out).isEqualTo("# Benchmark results\n\n## Idle\n\n| a |\n\n" + BLOCK + "\n## Analysis\n\ntext\n");
    }

    @Test
    void aSectionReplacesTheLastOneAndNothingElse() {
        String md = "# Benchmark results\n\nbefore\n\n" + SoakReport.BEGIN + " old -->\n## Soak: old\n| 1 |\n"
                + SoakReport.END + "\n\n## Analysis\n\nafter\n";
        String out = SoakReport.splice(md, BLOCK, "## Analysis");
        assertThat(out).isEqualTo("# Benchmark results\n\nbefore\n\n" + BLOCK + "\n## Analysis\n\nafter\n");
        assertThat(SoakReport.extract(out)).hasValue(BLOCK);
        assertThat(SoakReport.splice(out, BLOCK, "## Analysis")).isEqualTo(out);
    }

    @Test
    void withoutTheAnalysisTheSectionIsAppended() {
        assertThat(SoakReport.splice("# Results\n", BLOCK, null)).isEqualTo("# Results\n\n" + BLOCK);
        assertThat(SoakReport.splice("", BLOCK, null)).startsWith("# Benchmark results\n\n" + SoakReport.BEGIN);
    }

    @Test
    void theSectionAndPlotRenderFromTheRecordedJsonAgain(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("repo");
        Path results = root.resolve("bench/results/20261202-120000");
        Files.createDirectories(results);
        Files.createDirectories(root.resolve("bench"));
        Files.writeString(root.resolve("bench/NOTES.md"), "## Analysis\n\nnotes\n");
        Path md = root.resolve("bench/RESULTS.md");
        Files.writeString(md, "# Benchmark results\n\n## Idle\n\n## Analysis\n\nnotes\n");
        Map<String, Object> written = SoakReport.writeJson(record(), results.resolve("soak.json"));

        SoakReport.render(written, results, root, md);
        String first = Files.readString(md);
        assertThat(first).contains("## Soak: 2,000 connections for 90 s",
                "**Goal: p99 ≤ 200 ms, live heap flat, 0 unexpected errors — missed.**",
                "p99 3.5 ms (met)", "1 unexpected errors (missed)", "| `room_missing` | 1 |",
                "![soak](results/20261202-120000/soak.png)", "## Idle", "## Analysis\n\nnotes");
        assertThat(first.indexOf("## Soak")).isLessThan(first.indexOf("## Analysis"));
        assertThat(Files.size(results.resolve("soak.png"))).isPositive();

        SoakReport.render(SoakReport.read(results.resolve("soak.json")), results, root, md);
        assertThat(Files.readString(md)).isEqualTo(first);
    }

    @Test
    void theHeapIsFlatWithinItsToleranceAndGrowingBeyondIt() {
        List<Map<String, Object>> flat = new ArrayList<>();
        List<Map<String, Object>> growing = new ArrayList<>();
        for (int i = 0; i <= 20; i++) {
            flat.add(Map.of("t_s", i * 30.0, "live_mb", 60.0 + (i % 2) * 0.5));
            growing.add(Map.of("t_s", i * 30.0, "live_mb", 60.0 + i * 0.5));
        }
        assertThat(HeapTrend.of(flat, 30, 600)).containsEntry("flat", true);
        Map<String, Object> g = HeapTrend.of(growing, 30, 600);
        assertThat(g).containsEntry("flat", false).containsEntry("slope_mb_per_min", 1.0);
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.human(Duration.ofMinutes(10))).isEqualTo("10 min");
    }

    private static Map<String, Object> record() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", "soak");
        r.put("generated", "2026-12-02 12:00 UTC");
        r.put("environment", Map.of("cpu", "CPU", "cores", "2", "memory", "23 GiB", "kernel", "6", "java", "17"));
        r.put("command", "bench/run soak --connections 2000 --duration 90s");
        r.put("settings", new SoakSettings(2000, Duration.ofSeconds(90), Duration.ofSeconds(30), 10,
                Duration.ofSeconds(5), Duration.ofSeconds(10), 100, 5, 10, 2048, 100, 1, Duration.ofSeconds(30),
                Duration.ofSeconds(90), 10, Duration.ofSeconds(120), Duration.ofSeconds(15), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 16, 200));
        r.put("stopped", "duration");
        r.put("setup", Map.of("seconds", 3.2, "connections_open", 1990));
        r.put("layout", Map.of("rooms", 192, "busy_rooms", 5, "churn_rooms", 2, "room_members", 1970,
                "churners", 20, "slow_consumers", 10));
        List<Map<String, Object>> series = new ArrayList<>();
        for (int i = 1; i <= 90; i++) {
            series.add(Map.of("t_s", (double) i, "p50_ms", 1.2, "p99_ms", 3.0 + i % 5, "post_p99_ms", 4.0,
                    "deliveries_per_s", 5000, "server_rss_mb", 300.0 + i / 10.0, "errors_total", i > 50 ? 1 : 0,
                    "expected", i % 20 == 0 ? Map.of("slow_closed_1008", 1) : Map.of()));
        }
        r.put("series", series);
        r.put("heap", List.of(Map.of("t_s", 0.0, "live_mb", 20.0), Map.of("t_s", 30.0, "live_mb", 21.0),
                Map.of("t_s", 60.0, "live_mb", 21.0), Map.of("t_s", 95.0, "live_mb", 21.1)));
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("connections", 2000);
        totals.put("duration_s", 90.0);
        totals.put("deliveries", 450_000);
        totals.put("deliveries_per_s", 5000);
        totals.put("room_deliveries", 441_000);
        totals.put("post_deliveries", 9000);
        totals.put("latency", Map.of("count", 400_000, "p50_ms", 1.2, "p99_ms", 3.5, "p999_ms", 40.0, "max_ms", 90.0));
        totals.put("worst_interval_p99_ms", 8.0);
        totals.put("post_latency", Map.of("count", 9000, "p50_ms", 1.0, "p99_ms", 4.0, "p999_ms", 9.0, "max_ms", 20.0));
        totals.put("churn_handshake", Map.of("count", 30, "p50_ms", 2.0, "p99_ms", 9.0, "max_ms", 9.0));
        totals.put("churn_reconnects", 30);
        totals.put("slow_consumers", Map.of("stalls", 40, "gone", 36, "closed_1008", 18, "dropped_by_gateway", 0,
                "time_to_gone", Map.of("count", 36, "p50_ms", 20_000.0, "max_ms", 25_000.0),
                "time_to_drop", Map.of("count", 0)));
        totals.put("server", Map.of("rss_max_mb", 309.0, "rss_start_mb", 300.1, "rss_end_mb", 309.0,
                "cpu_avg_pct", 20.0));
        totals.put("heap", HeapTrend.of(SoakReport.list(r.get("heap")), 30, 90));
        totals.put("errors", Map.of("room_missing", 1));
        totals.put("unexpected_errors", 1);
        totals.put("expected", Map.of("slow_closed_1008", 18, "slow_gone", 36));
        r.put("totals", totals);
        r.put("server_log", Map.of("warnings", 0, "errors", 0, "first", List.of()));
        return r;
    }
}
