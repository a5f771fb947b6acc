package io.switchboard.config;

/** Reads the names handlers are given by: a name registered with {@code Handlers}, or a Java class name. */
final class JavaNames {

    private JavaNames() {
    }

    /**
     * The handler name at {@code key}, required; a string that can be neither a class name nor a registered name
     * (letters, digits, {@code . _ $ -}, starting with a letter) is a problem.
     */
    static String className(ConfigNode n, String key) {
        String name = n.requiredString(key);
        if (!name.isEmpty() && !name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$-]*")) {
            n.problem(key, "'" + name + "' is not a Java class name");
        }
        return name;
    }
}
