package io.switchboard.integration;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteHandler;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A handler class named by a {@code function} integration, loaded and ready to call. Three kinds are accepted:
 * Switchboard's {@link RouteHandler} (one shared instance), and AWS Lambda's {@link RequestHandler} and
 * {@link RequestStreamHandler} (an instance per concurrent call, as on Lambda).
 */
abstract class FunctionHandler {

    /** Calls the handler on the current (function) thread. */
    abstract RouteResult call(RouteEvent event, Invocation invocation) throws Exception;

    /**
     * Loads a handler class and checks that it can be used, without creating an instance.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    static Class<?> check(String className, ClassLoader loader) {
        return HandlerClasses.load(className, loader, List.of(RouteHandler.class, RequestHandler.class,
                RequestStreamHandler.class));
    }

    /**
     * Loads a handler class and creates its first instance.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    static FunctionHandler load(String className, ClassLoader loader) {
        Class<?> type = check(className, loader);
        try {
            Constructor<?> constructor = type.getConstructor();
            if (RouteHandler.class.isAssignableFrom(type)) {
                return new Native((RouteHandler) constructor.newInstance());
            }
            InstancePool pool = new InstancePool(constructor);
            pool.warmUp();
            if (RequestStreamHandler.class.isAssignableFrom(type)) {
                return new LambdaStream(type, pool);
            }
            return new LambdaObject(type, pool, inputType(type, APIGatewayV2WebSocketEvent.class));
        } catch (ReflectiveOperationException | IntegrationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + className + ": " + cause, cause);
        }
    }

    /** A registered route handler instance. */
    static FunctionHandler of(RouteHandler handler) {
        return new Native(handler);
    }

    /** The {@code I} of {@code RequestHandler<I, O>}, or {@code fallback} when it cannot be told. */
    static Type inputType(Class<?> type, Type fallback) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type input = p.getActualTypeArguments()[0];
                    return input instanceof Class<?> || input instanceof ParameterizedType ? input : fallback;
                }
            }
        }
        return fallback;
    }

    private static final class Native extends FunctionHandler {
        private final RouteHandler handler;

        Native(RouteHandler handler) {
            this.handler = handler;
        }

        @Override
        RouteResult call(RouteEvent event, Invocation invocation) throws Exception {
            RouteResult result = handler.handle(event, invocation);
            return result == null ? RouteResult.ok() : result;
        }
    }

    private static final class LambdaObject extends FunctionHandler {
        private final Class<?> type;
        private final InstancePool pool;
        private final Type input;

        LambdaObject(Class<?> type, InstancePool pool, Type input) {
            this.type = type;
            this.pool = pool;
            this.input = input;
        }

        @Override
        @SuppressWarnings("unchecked")
        RouteResult call(RouteEvent event, Invocation invocation) {
            Object request = input == APIGatewayV2WebSocketEvent.class
                    ? LambdaEvents.toAws(event)
                    : input == String.class
                    ? new String(EventJson.write(event), StandardCharsets.UTF_8)
                    : Json.MAPPER.readValue(EventJson.write(event), Json.MAPPER.constructType(input));
            Object instance = pool.acquire();
            Object response;
            try {
                response = ((RequestHandler<Object, Object>) instance).handleRequest(request,
                        new LambdaContext(invocation, type));
            } finally {
                pool.release(instance);
            }
            if (response == null) {
                return RouteResult.ok();
            }
            if (response instanceof APIGatewayV2WebSocketResponse aws) {
                return LambdaEvents.fromAws(aws);
            }
            return ProxyResponses.fromTree(Json.MAPPER.valueToTree(response));
        }
    }

    private static final class LambdaStream extends FunctionHandler {
        private final Class<?> type;
        private final InstancePool pool;

        LambdaStream(Class<?> type, InstancePool pool) {
            this.type = type;
            this.pool = pool;
        }

        @Override
        RouteResult call(RouteEvent event, Invocation invocation) throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object instance = pool.acquire();
            try {
                ((RequestStreamHandler) instance).handleRequest(new ByteArrayInputStream(EventJson.write(event)), out,
                        new LambdaContext(invocation, type));
            } finally {
                pool.release(instance);
            }
            return ProxyResponses.parse(out.toByteArray());
        }
    }
}
