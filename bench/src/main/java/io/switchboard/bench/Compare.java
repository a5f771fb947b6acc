package io.switchboard.bench;

import io.switchboard.bench.report.Environment;
import io.switchboard.bench.report.Report;
import io.switchboard.bench.scenario.Result;
import io.switchboard.bench.scenario.Scenario;
import io.switchboard.bench.scenario.Settings;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/**
 * The comparison: every scenario against Switchboard and each peer that can run it, in one run, each server in its
 * own process pinned to the server CPUs while this load generator runs on the others. Writes the raw results as
 * JSON, RESULTS.md and a chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run the scenarios against Switchboard and its peers; write JSON, RESULTS.md and a chart.")
final class Compare implements Callable<Integer> {
    @Option(names = "--scenarios", split = ",", defaultValue = "echo,rooms,cluster,broadcast,connect,manage,idle")
    List<String> scenarios;
    @Option(names = "--servers", split = ",",
            defaultValue = "switchboard,switchboard-redis,switchboard-cluster,raw-netty,node-ws,socket.io,"
                    + "socket.io-cluster,serverless-offline")
    List<String> servers;
    @Option(names = "--runs", defaultValue = "3", description = "Runs per scenario and server (median, min, max).")
    int runs;
    @Option(names = "--quick", description = "Smoke-test sizes and durations (for the test suite).")
    boolean quick;
    @Option(names = "--root", defaultValue = ".")
    Path root;
    @Option(names = "--jvm-options", split = " ", description = "JVM options for the Java servers (both alike).")
    List<String> jvmOptions = List.of();
    @Option(names = "--server-cpus", defaultValue = "0", description = "taskset -c list for servers; empty: unpinned")
    String serverCpus;
    @Option(names = "--port", defaultValue = "9300")
    int port;
    @Option(names = "--out", description = "Directory for results.json and chart.png (default bench/results/<time>).")
    Path out;
    @Option(names = "--results-md", description = "Where to write the report (default bench/RESULTS.md; '-' none).")
    String resultsMd;
    @Option(names = "--command", description = "The command line to record in the report.")
    String command;

    @Override
    public Integer call() throws Exception {
        Path base = root.toAbsolutePath().normalize();
        Settings settings = quick ? Settings.quick() : Settings.full();
        Path dir = out != null ? out : base.resolve("bench/results")
                .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        List<Result> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String name : scenarios) {
            Scenario scenario = Scenarios.byName(name, base, 0);
            for (String label : servers) {
                ServerKind kind = ServerKind.byLabel(label);
                if (!scenario.servers().contains(kind)) {
                    continue;
                }
                if (!kind.jvm() && !Files.isDirectory(base.resolve("bench/peers/node_modules"))) {
                    problems.add(label + ": skipped, the Node peers are not installed (bench/run installs them)");
                    continue;
                }
                if (scenario.freshServerPerRun()) {
                    for (int run = 1; run <= runs; run++) {
                        try (RunningServer server = RunningServer.start(kind, base, port, serverCpus, jvmOptions)) {
                            repeat(scenario, server, settings, results, problems, 1);
                        } catch (Exception e) {
                            problems.add(name + " / " + label + ": " + e);
                        }
                        port += 10;
                    }
                    continue;
                }
                try (RunningServer server = RunningServer.start(kind, base, port, serverCpus, jvmOptions)) {
                    List<Result> max = repeat(scenario, server, settings, results, problems, runs);
                    if (name.equals("echo") && !max.isEmpty()) {
                        double half = median(max, scenario.primaryMetric()) / 2;
                        repeat(Scenarios.byName("echo", base, half), server, settings, results, problems, runs);
                    }
                    if ((name.equals("rooms") || name.equals("cluster")) && kind != ServerKind.SERVERLESS_OFFLINE) {
                        repeat(Scenarios.byName(name, base, Scenarios.ROOMS_RATE), server, settings, results,
                                problems, runs);
                    }
                } catch (Exception e) {
                    problems.add(name + " / " + label + ": " + e);
                    System.err.println("FAILED " + name + " / " + label + ": " + e);
                }
                port += 10; // a fresh port: the previous server's sockets may linger in TIME_WAIT
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("generated", java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        record.put("environment", Environment.describe());
        record.put("command", command == null ? "bench compare" : command);
        record.put("settings", settings);
        record.put("problems", problems);
        record.put("results", results);
        JsonMapper json = JsonMapper.builder().build();
        Files.writeString(dir.resolve("results.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(record));
        Report report = new Report(results, record, problems);
        report.writeChart(dir.resolve("chart.png"));
        String target = resultsMd == null ? base.resolve("bench/RESULTS.md").toString() : resultsMd;
        if (!target.equals("-")) {
            report.writeMarkdown(Path.of(target), base, dir);
        }
        System.out.println("results: " + dir);
        problems.forEach(p -> System.out.println("problem: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    private List<Result> repeat(Scenario scenario, RunningServer server, Settings settings, List<Result> all,
                                List<String> problems, int times) {
        List<Result> mine = new ArrayList<>();
        for (int run = 1; run <= times; run++) {
            try {
                // The first run warms the server's JIT; later runs against the same process need less.
                Settings s = run == 1 ? settings
                        : settings.withWarmup(java.time.Duration.ofMillis(Math.min(5000, settings.warmup().toMillis())));
                Result r = scenario.run(server, s);
                mine.add(r);
                all.add(r);
                System.out.printf("%-12s %-20s run %d: %s%n", r.scenario(), r.server(), run,
                        Report.brief(r, scenario.primaryMetric()));
            } catch (Exception e) {
                problems.add(scenario.name() + " / " + server.kind().label() + " run " + run + ": " + e);
                System.err.println("FAILED " + scenario.name() + " / " + server.kind().label() + ": " + e);
                e.printStackTrace();
            }
        }
        return mine;
    }

    private static double median(List<Result> results, String metric) {
        double[] v = results.stream().mapToDouble(r -> r.metric(metric)).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
