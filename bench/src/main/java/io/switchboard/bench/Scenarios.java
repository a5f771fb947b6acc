package io.switchboard.bench;

import io.switchboard.bench.scenario.BroadcastScenario;
import io.switchboard.bench.scenario.ConnectScenario;
import io.switchboard.bench.scenario.EchoScenario;
import io.switchboard.bench.scenario.IdleScenario;
import io.switchboard.bench.scenario.ManageScenario;
import io.switchboard.bench.scenario.RoomsScenario;
import io.switchboard.bench.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;

/** The scenarios by name. */
final class Scenarios {
    static final List<String> ALL = List.of("echo", "rooms", "cluster", "broadcast", "connect", "manage",
            "idle");
    /** Messages per second per member in the fixed-rate rooms run (latency where every server keeps up). */
    static final double ROOMS_RATE = 1.0;

    private Scenarios() {
    }

    static Scenario byName(String name, Path root, double rate) {
        return switch (name) {
            case "echo" -> new EchoScenario(rate);
            case "rooms" -> new RoomsScenario(rate);
            case "cluster" -> new RoomsScenario("cluster", rate);
            case "broadcast" -> new BroadcastScenario();
            case "connect" -> new ConnectScenario();
            case "manage" -> new ManageScenario();
            case "idle" -> new IdleScenario(root.resolve("bench/target/switchboard-bench.jar"));
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + ALL);
        };
    }
}
