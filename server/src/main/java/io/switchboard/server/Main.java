package io.switchboard.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command: {@code start}, {@code stop}, {@code check-config} and {@code gen-token}. */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "A self-hosted WebSocket gateway with the programming model of Amazon API Gateway WebSocket APIs.",
        subcommands = {StartCommand.class, StopCommand.class, CheckConfigCommand.class, GenTokenCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = commandLine().execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    /** The command line, for tests that run it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
