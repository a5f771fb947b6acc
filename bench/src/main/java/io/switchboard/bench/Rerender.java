package io.switchboard.bench;

import io.switchboard.bench.report.Report;
import io.switchboard.bench.scenario.Result;
import io.switchboard.bench.soak.SoakReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RESULTS.md and the chart again from a comparison's {@code results.json}, without measuring anything: for
 * when the analysis in {@code bench/NOTES.md} changes after a run. The figures stay those of the recorded run. Given
 * a soak's {@code soak.json}, writes its plot and its section of RESULTS.md again, leaving the rest as it is.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rewrite RESULTS.md and chart.png from a recorded results.json, or the soak section and "
                + "soak.png from a soak.json (no measuring).")
final class Rerender implements Callable<Integer> {
    @Option(names = "--results", required = true,
            description = "bench/results/<time>/results.json or bench/results/<time>/soak.json")
    Path results;
    @Option(names = "--root", defaultValue = ".")
    Path root;
    @Option(names = "--results-md", description = "Where to write the report (default bench/RESULTS.md).")
    Path resultsMd;

    @Override
    public Integer call() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> record = json.readValue(results.toFile(), new TypeReference<Map<String, Object>>() { });
        if (SoakReport.isSoak(record)) {
            Path base = root.toAbsolutePath().normalize();
            Path dir = results.toAbsolutePath().getParent();
            SoakReport.render(record, dir, base, resultsMd != null ? resultsMd : base.resolve("bench/RESULTS.md"));
            System.out.println("rewrote the soak section and soak.png of " + dir);
            return 0;
        }
        List<Result> measured = json.convertValue(record.get("results"), new TypeReference<List<Result>>() { });
        @SuppressWarnings("unchecked")
        List<String> problems = new ArrayList<>((List<String>) record.getOrDefault("problems", List.of()));
        Path base = root.toAbsolutePath().normalize();
        Path dir = results.toAbsolutePath().getParent();
        Report report = new Report(measured, record, problems);
        report.writeChart(dir.resolve("chart.png"));
        report.writeMarkdown(resultsMd != null ? resultsMd : base.resolve("bench/RESULTS.md"), base, dir);
        System.out.println("rewrote the report of " + dir);
        return 0;
    }
}
