package io.switchboard.server;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Where the configuration comes from: a file, or the bundled example configuration. */
final class ConfigSource {
    /** The example configuration bundled in the jar. */
    static final String EXAMPLES = "/examples/switchboard.yaml";
    /** The environment variable that lets the examples' development issuer serve a non-loopback bind. */
    static final String DEV_ISSUER_ANYWHERE = "SWITCHBOARD_DEV_ISSUER_ALLOW_NON_LOOPBACK";

    private ConfigSource() {
    }

    static SwitchboardConfig load(Optional<Path> file) {
        return load(ConfigLoader.create(), file);
    }

    static SwitchboardConfig load(ConfigLoader loader, Optional<Path> file) {
        return file.map(loader::load).orElseGet(() -> loader.loadResource(EXAMPLES));
    }

    static String describe(Optional<Path> file) {
        return file.map(f -> f.toAbsolutePath().toString()).orElse("the bundled examples (" + EXAMPLES + ")");
    }
}
