package io.switchboard.server;

import io.switchboard.ConfigChecks;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.SwitchboardConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code switchboard check-config FILE}: reports every problem of a configuration with its YAML path. */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        description = {"Checks a configuration file without starting the server: YAML, keys, values, selection "
                + "expressions, templates and handler classes.",
            "Prints every problem with its YAML path; exits with 1 when there is any."})
final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the configuration file (YAML)")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            SwitchboardConfig config = ConfigSource.load(ConfigLoader.create().withChecks(ConfigChecks::problems),
                    Optional.of(file));
            int routes = config.apis().stream().mapToInt(api -> api.routes().size()).sum();
            out.printf("%s is valid: %d API%s, %d route%s%n", file, config.apis().size(),
                    config.apis().size() == 1 ? "" : "s", routes, routes == 1 ? "" : "s");
            config.apis().forEach(api -> out.printf("  /%s  %s  (%s)%n", api.stage(), api.name(),
                    String.join(", ", api.routes().keySet())));
            return 0;
        } catch (ConfigException e) {
            err.printf("%s has %d problem%s:%n", file, e.problems().size(), e.problems().size() == 1 ? "" : "s");
            for (ConfigProblem problem : e.problems()) {
                err.printf("  %s%n", problem);
            }
            return 1;
        }
    }
}
