package io.switchboard.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; it lists every problem found, not only the first. */
public class ConfigException extends RuntimeException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String path, String message) {
        this(List.of(new ConfigProblem(path, message)));
    }

    /** Every problem, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        String noun = problems.size() == 1 ? "problem" : "problems";
        return problems.size() + " configuration " + noun + ":\n" + problems.stream()
                .map(p -> "  - " + p)
                .collect(Collectors.joining("\n"));
    }
}
