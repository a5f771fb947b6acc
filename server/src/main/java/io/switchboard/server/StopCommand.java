package io.switchboard.server;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard stop}: the graceful stop of a server running on this machine, as SIGTERM: it stops accepting,
 * closes every connection with 1001 Going Away (so that clients reconnect through the load balancer to another
 * node), runs their {@code $disconnect} within {@code server.shutdown-timeout}, removes their records and leaves the
 * cluster at once, then exits. Waits for the exit.
 */
@Command(name = "stop",
        mixinStandardHelpOptions = true,
        description = {"Stops a running server gracefully (as SIGTERM does) and waits until it has exited.",
            "Without --port or --pid-file: the one server running on this machine, if there is only one."})
final class StopCommand implements Callable<Integer> {

    @Option(names = {"-p", "--port"}, paramLabel = "N", description = "the server listening on this port")
    private Integer port;

    @Option(names = {"--pid-file"}, paramLabel = "FILE", description = "the server whose start wrote this file")
    private Path pidFile;

    @Option(names = {"--timeout"}, paramLabel = "DURATION", defaultValue = "60s",
            description = "how long to wait for the exit (default 60s)")
    private String timeout;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file;
        if (pidFile != null) {
            file = pidFile;
        } else if (port != null) {
            file = PidFiles.forPort(port);
        } else {
            List<Path> running = PidFiles.all().stream().filter(f -> PidFiles.running(f).isPresent()).toList();
            if (running.size() != 1) {
                err.println(running.isEmpty() ? "No Switchboard is running on this machine (no pid file in "
                        + PidFiles.directory() + ")." : "Several are running; say which with --port: " + running);
                return 1;
            }
            file = running.get(0);
        }
        Optional<ProcessHandle> process = PidFiles.running(file);
        if (process.isEmpty()) {
            err.println("No running Switchboard for " + file + (Files.exists(file) ? " (a stale pid file)" : ""));
            return 1;
        }
        Duration wait = io.switchboard.config.Units.parseDuration(timeout);
        out.println("Stopping Switchboard (process " + process.get().pid() + ")...");
        process.get().destroy(); // SIGTERM: the graceful stop
        try {
            process.get().onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            err.println("Switchboard (process " + process.get().pid() + ") has not exited after " + timeout);
            return 1;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        out.println("Stopped.");
        return 0;
    }
}
