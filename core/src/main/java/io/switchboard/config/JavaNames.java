package io.switchboard.config;

/** Reads the Java class names that handlers are given by. */
final class JavaNames {

    private JavaNames() {
    }

    /** The class name at {@code key}, required; a string that cannot be a class name is a problem. */
    static String className(ConfigNode n, String key) {
        String name = n.requiredString(key);
        if (!name.isEmpty() && !name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}.$]*")) {
            n.problem(key, "'" + name + "' is not a Java class name");
        }
        return name;
    }
}
