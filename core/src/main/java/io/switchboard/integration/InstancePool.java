package io.switchboard.integration;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Instances of a Lambda handler class, each used by one thread at a time, like Lambda's execution environments:
 * Lambda code may keep state in fields without synchronisation, so two calls never share an instance. A new instance
 * is made when every existing one is busy; the pool never holds more than the number of function threads.
 */
final class InstancePool {
    private final Constructor<?> constructor;
    private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();

    InstancePool(Constructor<?> constructor) {
        this.constructor = constructor;
    }

    /** Creates the first instance now, so a constructor that throws fails the server's start. */
    void warmUp() {
        idle.push(create());
    }

    Object acquire() {
        Object instance = idle.poll();
        return instance != null ? instance : create();
    }

    void release(Object instance) {
        idle.push(instance);
    }

    private Object create() {
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IntegrationException("the constructor of " + constructor.getDeclaringClass().getName()
                    + " threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IntegrationException("cannot create " + constructor.getDeclaringClass().getName(), e);
        }
    }
}
