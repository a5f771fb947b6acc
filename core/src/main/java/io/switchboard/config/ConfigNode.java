package io.switchboard.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A YAML mapping being read into configuration records.
 *
 * <p>Every read remembers its key, so that {@link #finish()} can report the keys nobody asked for: unknown keys are
 * errors, with their full path. Bad values are recorded as problems and replaced by the default, so one pass finds
 * every problem in the file. Strings go through {@code ${ENV}} interpolation as they are read.
 */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final Context context;
    private final Set<String> known = new LinkedHashSet<>();

    /** @param base the directory relative paths resolve against: the configuration file's, else the working one */
    private record Context(EnvInterpolator env, List<ConfigProblem> problems, Optional<Path> base) {
    }

    private ConfigNode(JsonNode node, String path, Context context) {
        this.node = node;
        this.path = path;
        this.context = context;
    }

    static ConfigNode root(JsonNode node, EnvInterpolator env, List<ConfigProblem> problems, Optional<Path> base) {
        ConfigNode root = new ConfigNode(JsonNodeFactory.instance.objectNode(), "", new Context(env, problems, base));
        return root.asMapping(node, "");
    }

    /** A node over a mapping kept apart ({@link ConfigSection}), whose problems go to {@code problems}. */
    static ConfigNode detached(JsonNode mapping, String path, EnvInterpolator env, List<ConfigProblem> problems) {
        return new ConfigNode(mapping, path, new Context(env, problems, Optional.empty()));
    }

    /** A copy of the mapping at {@code key}, to be read later by code that this package cannot name. */
    ConfigSection detach(String key) {
        known.add(key);
        return ConfigSection.copyOf(node.get(key), pathOf(key), context.env);
    }

    /** This node's path, for messages. */
    public String path() {
        return path;
    }

    /** Records a problem at this node's path. */
    public void problem(String message) {
        context.problems.add(new ConfigProblem(path, message));
    }

    /** Records a problem at a key of this node. */
    public void problem(String key, String message) {
        known.add(key);
        context.problems.add(new ConfigProblem(pathOf(key), message));
    }

    /** Records a problem at a path below this node ({@code routes.send.integration.queue}), read elsewhere. */
    public void problemAt(String relativePath, String message) {
        context.problems.add(new ConfigProblem(pathOf(relativePath), message));
    }

    /** Whether the mapping has the key (with any value, even empty). */
    public boolean has(String key) {
        known.add(key);
        return node.has(key);
    }

    /** A string, interpolated; the default when absent. */
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    /** A string that must be present and not blank. */
    public String requiredString(String key) {
        Optional<String> value = optionalString(key);
        if (value.isEmpty() && node.get(key) == null) {
            problem(key, "is required");
        } else if (value.isPresent() && value.get().isBlank()) {
            problem(key, "must not be empty");
        }
        return value.orElse("");
    }

    /** A string if present. */
    public Optional<String> optionalString(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            problem(key, "must be a single value, not a " + kind(value));
            return Optional.empty();
        }
        return Optional.of(interpolate(value.asString(), pathOf(key)));
    }

    /** A whole number between {@code min} and {@code max}. */
    public int integer(String key, int defaultValue, int min, int max) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.get().trim());
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + ", not " + value);
                return defaultValue;
            }
            return value;
        } catch (NumberFormatException e) {
            problem(key, "must be a whole number, not '" + text.get() + "'");
            return defaultValue;
        }
    }

    /** {@code true} or {@code false}. */
    public boolean bool(String key, boolean defaultValue) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problem(key, "must be true or false, not '" + text.get() + "'");
                yield defaultValue;
            }
        };
    }

    /** A duration ({@code 50ms}, {@code 29s}, {@code 10m}, {@code 2h}) between {@code min} and {@code max}. */
    public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration value = Units.parseDuration(text.get());
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problem(key, "must be between " + Units.format(min) + " and " + Units.format(max) + ", not "
                        + text.get());
                return defaultValue;
            }
            return value;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return defaultValue;
        }
    }

    /** A size in bytes ({@code 32768}, {@code 32KB}, {@code 1MiB}) between {@code min} and {@code max}. */
    public int size(String key, int defaultValue, int min, int max) {
        Optional<String> text = optionalString(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            long value = Units.parseSize(text.get());
            if (value < min || value > max) {
                problem(key, "must be between " + min + " and " + max + " bytes, not " + text.get());
                return defaultValue;
            }
            return (int) value;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return defaultValue;
        }
    }

    /**
     * A file path read from the value of {@code key}, a relative one resolved against the configuration file's
     * directory (so that a configuration means the same from wherever it is started); empty, with a problem at the
     * key, when the text cannot be a path on this system (a NUL character, for one).
     */
    public Optional<Path> path(String key, String text) {
        try {
            Path path = Path.of(text);
            return Optional.of(path.isAbsolute() ? path : context.base().map(b -> b.resolve(path).normalize())
                    .orElse(path));
        } catch (InvalidPathException e) {
            problem(key, "is not a file path: " + e.getReason());
            return Optional.empty();
        }
    }

    /** A list of strings; a single string is taken as a list of one. */
    public List<String> stringList(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isValueNode()) {
            return List.of(interpolate(value.asString(), pathOf(key)));
        }
        if (!value.isArray()) {
            problem(key, "must be a list, not a " + kind(value));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (!item.isValueNode() || item.isNull()) {
                context.problems.add(new ConfigProblem(itemPath, "must be a single value"));
            } else {
                out.add(interpolate(item.asString(), itemPath));
            }
        }
        return List.copyOf(out);
    }

    /** A mapping of names to single values, in file order. */
    public Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(key).entrySet()) {
            String entryPath = pathOf(key) + "." + e.getKey();
            JsonNode value = e.getValue();
            if (!value.isValueNode() || value.isNull()) {
                context.problems.add(new ConfigProblem(entryPath, "must be a single value"));
            } else {
                out.put(e.getKey(), interpolate(value.asString(), entryPath));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reads a nested mapping (absent means empty) and reports its unknown keys. */
    public <T> T section(String key, Function<ConfigNode, T> reader) {
        known.add(key);
        ConfigNode child = asMapping(node.get(key), pathOf(key));
        T value = reader.apply(child);
        child.finish();
        return value;
    }

    /** Reads a nested mapping when present. */
    public <T> Optional<T> optionalSection(String key, Function<ConfigNode, T> reader) {
        known.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(section(key, reader));
    }

    /**
     * Whether the key says {@code off} (or {@code false}): a protection that is on by default, turned off on purpose.
     */
    public boolean isOff(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        return value != null && (value.isString() && value.asString().trim().equalsIgnoreCase("off")
                || value.isBoolean() && !value.asBoolean());
    }

    /** Reads a list of mappings. */
    public <T> List<T> list(String key, Function<ConfigNode, T> reader) {
        known.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(key, "must be a list, not a " + kind(value));
            return List.of();
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            ConfigNode child = asMapping(value.get(i), pathOf(key) + "[" + i + "]");
            out.add(reader.apply(child));
            child.finish();
        }
        return List.copyOf(out);
    }

    /** Reads a list of mappings that must have at least one entry. */
    public <T> List<T> requiredList(String key, Function<ConfigNode, T> reader) {
        JsonNode value = node.get(key);
        List<T> out = list(key, reader);
        if (out.isEmpty() && (value == null || value.isNull() || value.isArray())) {
            problem(key, "at least one entry is required");
        }
        return out;
    }

    /** Reads a mapping whose keys are names chosen by the user (route keys, for example), in file order. */
    public <T> Map<String, T> namedSections(String key, NamedReader<T> reader) {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries(key).entrySet()) {
            ConfigNode child = asMapping(e.getValue(), pathOf(key) + "." + e.getKey());
            out.put(e.getKey(), reader.read(e.getKey(), child));
            child.finish();
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reads one entry of {@link #namedSections}. */
    @FunctionalInterface
    public interface NamedReader<T> {
        T read(String name, ConfigNode node);
    }

    /** Reports every key of this mapping that no reader asked for. */
    public void finish() {
        for (String key : node.propertyNames()) {
            if (!known.contains(key)) {
                String hint = known.isEmpty() ? "" : "; known keys here: " + String.join(", ", known);
                context.problems.add(new ConfigProblem(pathOf(key), "unknown key" + hint));
            }
        }
    }

    private Map<String, JsonNode> entries(String key) {
        known.add(key);
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            problem(key, "must be a mapping of names to values, not a " + kind(value));
            return Map.of();
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        value.forEachEntry(out::put);
        return out;
    }

    private ConfigNode asMapping(JsonNode value, String childPath) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return new ConfigNode(JsonNodeFactory.instance.objectNode(), childPath, context);
        }
        if (!value.isObject()) {
            context.problems.add(new ConfigProblem(childPath, "must be a mapping, not a " + kind(value)));
            return new ConfigNode(JsonNodeFactory.instance.objectNode(), childPath, context);
        }
        return new ConfigNode(value, childPath, context);
    }

    private String interpolate(String text, String at) {
        try {
            return context.env.interpolate(text);
        } catch (IllegalArgumentException e) {
            context.problems.add(new ConfigProblem(at, e.getMessage()));
            return text;
        }
    }

    private String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String kind(JsonNode value) {
        if (value.isArray()) {
            return "list";
        }
        if (value.isObject()) {
            return "mapping";
        }
        return "value";
    }
}
