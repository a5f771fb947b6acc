package io.switchboard.config;

/** One thing wrong with a configuration, at its YAML path (for example {@code apis[0].routes.ping.integration}). */
public record ConfigProblem(String path, String message) {
    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
