package io.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.switchboard.bench.servers.RedisServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The harness keeps working: every scenario runs, briefly, against Switchboard and the raw Netty peer (both built
 * by this build; the Node peers need {@code npm ci} and run in the full comparison only), and the report is written.
 * Runs after {@code package}, since it starts the servers from their jars. Where {@code redis-server} is installed,
 * echo and rooms also run against Switchboard on the Redis engine, and the cluster scenario on one node and three.
 */
class HarnessSmokeIT {

    @Test
    void everyScenarioRunsAndTheReportIsWritten() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path out = root.resolve("bench/target/smoke");
        Files.createDirectories(out);
        int exit = new CommandLine(new Bench()).execute("compare", "--quick", "--runs", "1", "--root",
                root.toString(), "--servers", "switchboard,raw-netty", "--server-cpus", "", "--port", "19300",
                "--out", out.toString(), "--results-md", out.resolve("RESULTS.md").toString());
        JsonNode record = JsonMapper.builder().build().readTree(out.resolve("results.json").toFile());
        assertThat(record.get("problems").size()).as("problems: %s", record.get("problems")).isZero();
        assertThat(exit).isZero();

        List<String> seen = new ArrayList<>();
        for (JsonNode r : record.get("results")) {
            String scenario = r.get("scenario").asString();
            String primary = switch (scenario) {
                case "echo", "echo@rate" -> "round_trips_per_s";
                case "rooms", "rooms@rate", "broadcast" -> "deliveries_per_s";
                case "connect" -> "connects_per_s";
                case "manage" -> "posts_per_s";
                // RSS moves by whole pages and heap regions, so a thousand connections can even show a negative
                // change; the live heap after a full collection is what must have grown.
                default -> "heap_per_conn_bytes";
            };
            assertThat(r.get("metrics").get(primary).asDouble()).as("%s on %s", primary, r.get("server")).isPositive();
            if (scenario.equals("idle")) {
                assertThat(r.get("metrics").get("rss_per_conn_bytes").isNumber()).isTrue();
            }
            seen.add(scenario + "/" + r.get("server").asString());
        }
        assertThat(seen).contains("echo/switchboard", "echo/raw-netty", "echo@rate/switchboard",
                "rooms/switchboard", "rooms/raw-netty", "rooms@rate/switchboard", "broadcast/switchboard",
                "broadcast/raw-netty", "connect/switchboard", "connect/raw-netty", "manage/switchboard",
                "idle/switchboard", "idle/raw-netty");
        assertThat(Files.size(out.resolve("chart.png"))).isPositive();
        assertThat(Files.readString(out.resolve("RESULTS.md"))).contains("## Targets", "| switchboard |");
    }

    @Test
    void theRedisEngineRunsWhereRedisServerIsInstalled() throws Exception {
        Assumptions.assumeTrue(RedisServer.available(), "redis-server is not on the PATH");
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        Path out = root.resolve("bench/target/smoke-redis");
        Files.createDirectories(out);
        int exit = new CommandLine(new Bench()).execute("compare", "--quick", "--runs", "1", "--root",
                root.toString(), "--scenarios", "echo,rooms,cluster", "--servers",
                "switchboard,switchboard-redis,switchboard-cluster",
                "--server-cpus", "", "--port", "19600", "--out", out.toString(),
                "--results-md", out.resolve("RESULTS.md").toString());
        JsonNode record = JsonMapper.builder().build().readTree(out.resolve("results.json").toFile());
        assertThat(record.get("problems").size()).as("problems: %s", record.get("problems")).isZero();
        assertThat(exit).isZero();
        List<String> seen = new ArrayList<>();
        for (JsonNode r : record.get("results")) {
            String primary = r.get("scenario").asString().startsWith("echo") ? "round_trips_per_s"
                    : "deliveries_per_s";
            assertThat(r.get("metrics").get(primary).asDouble()).as("%s on %s", primary, r.get("server")).isPositive();
            seen.add(r.get("scenario").asString() + "/" + r.get("server").asString());
            if (r.get("server").asString().equals("switchboard-cluster") && r.get("scenario").asString()
                    .equals("cluster")) {
                assertThat(r.get("metrics").get("cross_node_deliveries_per_s").asDouble())
                        .as("deliveries from one node to another").isPositive();
            }
        }
        assertThat(seen).contains("echo/switchboard-redis", "rooms/switchboard-redis", "cluster/switchboard-redis",
                "cluster/switchboard-cluster", "cluster@rate/switchboard-cluster");
        assertThat(Files.readString(out.resolve("RESULTS.md"))).contains("| switchboard-redis |",
                "**switchboard-redis / switchboard** (round trips/s", "| switchboard-cluster |",
                "**switchboard-cluster / switchboard-redis** (three nodes over one");
    }
}
