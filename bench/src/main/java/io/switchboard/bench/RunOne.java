package io.switchboard.bench;

import io.switchboard.bench.scenario.Result;
import io.switchboard.bench.scenario.Scenario;
import io.switchboard.bench.scenario.Settings;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** One scenario against one server, printed as JSON: for trying things out. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run one scenario against one server and print the result as JSON.")
final class RunOne implements Callable<Integer> {
    @Option(names = "--scenario", required = true, description = "echo, rooms, broadcast, connect, manage or idle")
    String scenario;
    @Option(names = "--server", defaultValue = "switchboard",
            description = "switchboard, switchboard-redis, raw-netty, node-ws, socket.io or serverless-offline")
    String server;
    @Option(names = "--rate", defaultValue = "0", description = "echo: round trips/s in all; rooms: messages/s per "
            + "member; 0 = as fast as possible")
    double rate;
    @Option(names = "--quick", description = "Smoke-test sizes and durations.")
    boolean quick;
    @Option(names = "--idle-connections", description = "Connections the idle scenario holds.")
    Integer idleConnections;
    @Option(names = "--root", defaultValue = ".", description = "The repository root.")
    Path root;
    @Option(names = "--port", defaultValue = "9300")
    int port;
    @Option(names = "--jvm-options", split = " ", description = "JVM options for the Java servers (both alike).")
    List<String> jvmOptions = List.of();
    @Option(names = "--server-cpus", defaultValue = "", description = "CPUs to pin the server to (taskset -c).")
    String serverCpus;
    @Option(names = "--attach", description = "Measure a server already running on --port with this process id.")
    Long attach;
    @Option(names = "--warmup", description = "Warm-up before measuring, e.g. PT20S.")
    java.time.Duration warmup;

    @Override
    public Integer call() throws Exception {
        Settings settings = quick ? Settings.quick() : Settings.full();
        if (warmup != null) {
            settings = settings.withWarmup(warmup);
        }
        if (idleConnections != null) {
            settings = settings.withIdleConnections(idleConnections);
        }
        Scenario s = Scenarios.byName(scenario, root, rate);
        ServerKind kind = ServerKind.byLabel(server);
        try (RunningServer running = attach != null ? RunningServer.attach(kind, attach, port)
                : RunningServer.start(kind, root.toAbsolutePath(), port, serverCpus, jvmOptions)) {
            Result result = s.run(running, settings);
            System.out.println(JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(result));
        }
        return 0;
    }
}
