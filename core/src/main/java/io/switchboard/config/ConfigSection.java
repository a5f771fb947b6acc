package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A mapping of the configuration kept for code this package cannot name, to be read later with the same rules and
 * YAML paths as at load time: the section {@code engine.<type>}, which only the chosen engine understands.
 *
 * <p>The loader already read it once, so that its problems were reported with every other problem; reading it again
 * gives the same values. It holds a copy of the YAML and the environment the loader interpolated from.
 */
public final class ConfigSection {
    private final JsonNode mapping;
    private final String path;
    private final EnvInterpolator env;

    private ConfigSection(JsonNode mapping, String path, EnvInterpolator env) {
        this.mapping = mapping;
        this.path = path;
        this.env = env;
    }

    /** An empty mapping at {@code path}, for a configuration built in code. */
    public static ConfigSection empty(String path) {
        return new ConfigSection(JsonNodeFactory.instance.objectNode(), path, EnvInterpolator.of(Map.of()));
    }

    /** A mapping of text values at {@code path}, for settings given on a command line ({@code --redis-uri}). */
    public static ConfigSection of(String path, Map<String, String> values) {
        tools.jackson.databind.node.ObjectNode mapping = JsonNodeFactory.instance.objectNode();
        values.forEach(mapping::put);
        return new ConfigSection(mapping, path, EnvInterpolator.of(Map.of()));
    }

    /** A copy of {@code value}; anything but a mapping (reported by the loader) is kept as an empty one. */
    static ConfigSection copyOf(JsonNode value, String path, EnvInterpolator env) {
        JsonNode mapping = value != null && value.isObject() ? value.deepCopy() : JsonNodeFactory.instance.objectNode();
        return new ConfigSection(mapping, path, env);
    }

    /** Where the section is in the file ({@code engine.memory}), for messages. */
    public String path() {
        return path;
    }

    /** Whether the mapping has no keys. */
    public boolean isEmpty() {
        return mapping.isEmpty();
    }

    /**
     * Reads the section; unknown keys are problems, as everywhere.
     *
     * @throws ConfigException listing every problem, each at its YAML path
     */
    public <T> T read(Function<ConfigNode, T> reader) {
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode node = ConfigNode.detached(mapping, path, env, problems);
        T value = reader.apply(node);
        node.finish();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return value;
    }

    /** Same path, same YAML (the environment is the one of the load, and not compared). */
    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigSection s && s.path.equals(path) && s.mapping.equals(mapping);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, mapping);
    }

    /** The path and keys only: values may be secrets (a password in a URI). */
    @Override
    public String toString() {
        return path + " " + mapping.propertyNames();
    }
}
