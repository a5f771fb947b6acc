package io.switchboard.bench.scenario;

import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.util.Set;

/** One workload, run against one server at a time. */
public interface Scenario {

    /** The name used on the command line and in results. */
    String name();

    /** The metric the comparison ranks servers by, and whether higher is better. */
    String primaryMetric();

    default boolean higherIsBetter() {
        return true;
    }

    /** Whether every run needs a server of its own (a measure of the process's growth, say). */
    default boolean freshServerPerRun() {
        return false;
    }

    /** The servers that can run this workload. */
    Set<ServerKind> servers();

    /** Runs once and measures. */
    Result run(RunningServer server, Settings settings) throws Exception;
}
