package io.switchboard.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The bench's command line: {@code compare} (the recorded comparison), {@code run}, {@code soak}, {@code report},
 * and the helpers they start.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Switchboard's load generator and side-by-side comparison with peer servers.",
        subcommands = {Compare.class, RunOne.class, Soak.class, Rerender.class, RawNetty.class, Hold.class})
public final class Bench {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).execute(args));
    }
}
