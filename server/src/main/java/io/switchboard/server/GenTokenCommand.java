package io.switchboard.server;

import io.switchboard.auth.DevIssuer;
import io.switchboard.config.ConfigException;
import io.switchboard.config.DevIssuerConfig;
import io.switchboard.config.Units;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code switchboard gen-token --sub alice}: prints a token of the development issuer, signed with the key in
 * {@code dev-issuer.key-file} (the same file the server reads, so its JWT authorizers accept the token).
 */
@Command(name = "gen-token",
        mixinStandardHelpOptions = true,
        description = {"Prints a JWT of the development issuer for a user, for examples and tests.",
            "Signed (ES256) with the key in dev-issuer.key-file of the configuration (created on first use), so a "
                + "server with the same configuration accepts it: TOKEN=$(./switchboard gen-token --sub alice)"})
final class GenTokenCommand implements Callable<Integer> {

    @Option(names = "--sub", required = true, paramLabel = "USER", description = "the user name (the token's sub)")
    private String subject;

    @Option(names = "--ttl", paramLabel = "DURATION", description = "how long the token is valid: 30m, 1h, 1d "
            + "(default: dev-issuer.ttl, 1h)")
    private String ttl;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the configuration whose dev-issuer "
            + "settings to use (default: the bundled examples)")
    private Path config;

    @Option(names = "--key-file", paramLabel = "FILE", description = "the signing key file, instead of "
            + "dev-issuer.key-file")
    private Path keyFile;

    @Option(names = "--claim", paramLabel = "NAME=VALUE", description = "another claim (repeatable); true, false "
            + "and whole numbers are typed, anything else is a string")
    private List<String> claims = List.of();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            // Only dev-issuer: the rest of the file, and the variables it names, need not be there to mint a token.
            DevIssuerConfig settings = io.switchboard.config.ConfigLoader.create()
                    .loadDevIssuer(Optional.ofNullable(config), ConfigSource.EXAMPLES);
            if (keyFile != null) {
                settings = settings.withKeyFile(keyFile);
            }
            Duration lifetime = ttl == null ? settings.ttl() : Units.parseDuration(ttl);
            out.println(DevIssuer.load(settings).mint(subject, lifetime, claims()));
            return 0;
        } catch (ConfigException e) {
            err.println("Cannot read " + ConfigSource.describe(Optional.ofNullable(config)) + ":");
            e.problems().forEach(p -> err.println("  " + p));
            return 1;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("Cannot make a token: " + e.getMessage());
            return 1;
        }
    }

    private Map<String, Object> claims() {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (String claim : claims) {
            int eq = claim.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--claim must be NAME=VALUE, not '" + claim + "'");
            }
            String value = claim.substring(eq + 1);
            parsed.put(claim.substring(0, eq), switch (value) {
                case "true" -> true;
                case "false" -> false;
                default -> value.matches("-?\\d{1,18}") ? Long.parseLong(value) : value;
            });
        }
        return parsed;
    }
}
