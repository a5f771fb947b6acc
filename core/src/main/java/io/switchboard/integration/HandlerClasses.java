package io.switchboard.integration;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Loads the classes configuration names (handlers, topic subscribers, queue consumers) and checks they can be used. */
final class HandlerClasses {

    private HandlerClasses() {
    }

    /**
     * Loads a class, without initialising it, and checks that it implements one of {@code types}, is public and not
     * abstract, and has a public constructor without arguments.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    static Class<?> load(String className, ClassLoader loader, List<Class<?>> types) {
        return load(className, loader, types, Optional.empty());
    }

    /**
     * Like {@link #load(String, ClassLoader, List)}, but a public constructor taking one {@code argument} will do
     * instead of the one without arguments.
     */
    static Class<?> load(String className, ClassLoader loader, List<Class<?>> types, Optional<Class<?>> argument) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("class " + className + " cannot be loaded (" + e + "); is its jar in "
                    + "server.classpath?");
        }
        if (types.stream().noneMatch(t -> t.isAssignableFrom(type))) {
            throw new IllegalArgumentException(className + (types.size() == 1 ? " does not implement "
                    + types.get(0).getName() : " implements none of " + types.stream().map(Class::getName)
                    .collect(Collectors.joining(", "))));
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(className + " must be a public, non-abstract class");
        }
        if (constructor(type).isEmpty() && argument.flatMap(a -> constructor(type, a)).isEmpty()) {
            throw new IllegalArgumentException(className + " needs a public constructor without arguments"
                    + argument.map(a -> " or taking one " + a.getName()).orElse(""));
        }
        return type;
    }

    /** The class's public constructor with these parameter types, if it has one. */
    static Optional<Constructor<?>> constructor(Class<?> type, Class<?>... parameters) {
        try {
            Constructor<?> constructor = type.getConstructor(parameters);
            return Modifier.isPublic(constructor.getModifiers()) ? Optional.of(constructor) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
