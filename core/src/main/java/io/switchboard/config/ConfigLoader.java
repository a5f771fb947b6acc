package io.switchboard.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a YAML configuration into a {@link SwitchboardConfig}, or fails with every problem at its YAML path.
 *
 * <p>Keys are kebab-case; unknown keys are errors; {@code ${ENV_VAR}} is replaced from the environment.
 */
public final class ConfigLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, String> environment;
    private final Function<SwitchboardConfig, List<ConfigProblem>> checks;

    private ConfigLoader(Map<String, String> environment, Function<SwitchboardConfig, List<ConfigProblem>> checks) {
        this.environment = environment;
        this.checks = checks;
    }

    /** A loader that interpolates from the process environment. */
    public static ConfigLoader create() {
        return new ConfigLoader(System.getenv(), config -> List.of());
    }

    /** A loader that interpolates from the given variables (for tests and embedding). */
    public static ConfigLoader withEnvironment(Map<String, String> environment) {
        return new ConfigLoader(Map.copyOf(environment), config -> List.of());
    }

    /**
     * A loader that also runs deeper checks (such as loading handler classes) in the same pass, so that one run
     * reports every problem.
     */
    public ConfigLoader withChecks(Function<SwitchboardConfig, List<ConfigProblem>> more) {
        return new ConfigLoader(environment, more);
    }

    /** Reads a configuration file. */
    public SwitchboardConfig load(Path file) {
        return parse(read(file), file.toString(), base(file));
    }

    /** Reads a configuration from a classpath resource, such as the bundled example configuration. */
    public SwitchboardConfig loadResource(String resource) {
        return parse(readResource(resource), resource, Optional.empty());
    }

    /**
     * Reads only the {@code dev-issuer} section of a configuration file, or of a resource when {@code file} is
     * empty (for {@code gen-token}): the rest of the file, and the environment variables it names, are not read.
     */
    public DevIssuerConfig loadDevIssuer(Optional<Path> file, String resource) {
        byte[] yaml = file.map(ConfigLoader::read).orElseGet(() -> readResource(resource));
        String source = file.map(Path::toString).orElse(resource);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode root = ConfigNode.root(tree(yaml, source), EnvInterpolator.of(environment), problems,
                file.flatMap(ConfigLoader::base));
        DevIssuerConfig devIssuer = root.section("dev-issuer", DevIssuerConfig::read);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return devIssuer;
    }

    private static Optional<Path> base(Path file) {
        return Optional.ofNullable(file.toAbsolutePath().normalize().getParent());
    }

    private static byte[] read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "no configuration file at " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new ConfigException("", "cannot read " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static byte[] readResource(String resource) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("", "no configuration resource " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ConfigException("", "cannot read resource " + resource + ": " + e.getMessage());
        }
    }

    /** Reads a configuration from YAML text. */
    public SwitchboardConfig parse(String yaml) {
        return parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "(text)", Optional.empty());
    }

    /** @param base the directory relative paths in it resolve against, when it came from a file */
    private SwitchboardConfig parse(byte[] yaml, String source, Optional<Path> base) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode root = ConfigNode.root(tree(yaml, source), EnvInterpolator.of(environment), problems, base);
        SwitchboardConfig config = SwitchboardConfig.read(root);
        root.finish();
        problems.addAll(checks.apply(config));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static JsonNode tree(byte[] yaml, String source) {
        try {
            return YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new ConfigException("", "the YAML in " + source + " cannot be read: " + e.getOriginalMessage()
                    + location(e));
        }
    }

    private static String location(JacksonException e) {
        var where = e.getLocation();
        return where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }
}
