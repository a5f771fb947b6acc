package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the implementations of a service interface (engines and their configuration readers): those the thread's
 * context class loader finds, so that an embedding application can add its own, or else those of this library's own
 * class loader when that one finds none or cannot load them (a registration of another copy of this library).
 */
public final class ServiceLookup {

    private ServiceLookup() {
    }

    /** The implementations of {@code type}, new instances in the order found. */
    public static <T> List<T> find(Class<T> type) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        List<T> found = List.of();
        if (context != null) {
            try {
                found = load(type, context);
            } catch (ServiceConfigurationError e) {
                found = List.of();
            }
        }
        return found.isEmpty() ? load(type, type.getClassLoader()) : found;
    }

    private static <T> List<T> load(Class<T> type, ClassLoader loader) {
        List<T> all = new ArrayList<>();
        ServiceLoader.load(type, loader).forEach(all::add);
        return all;
    }
}
