package io.switchboard.integration;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.switchboard.handler.RouteHandler;
import io.switchboard.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * An AWS Lambda handler class called with a JSON event and answering JSON, as Lambda runs functions that are not
 * route integrations (a REQUEST authorizer, for example): a {@link RequestStreamHandler} reads the event bytes; a
 * {@link RequestHandler} gets the event bound to its input type ({@code Map}, {@code String}, or a class such as
 * {@code APIGatewayCustomAuthorizerEvent}; unknown fields are ignored, as Lambda's serializer does) and its answer is
 * turned into JSON. Runs on the function threads, an instance per concurrent call.
 */
public final class JsonFunction {
    private final Class<?> type;
    private final InstancePool pool;
    private final Type input;
    private final Executor functionThreads;

    private JsonFunction(Class<?> type, InstancePool pool, Type input, Executor functionThreads) {
        this.type = type;
        this.pool = pool;
        this.input = input;
        this.functionThreads = functionThreads;
    }

    /**
     * Loads the class and creates its first instance.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    static JsonFunction load(String className, ClassLoader loader, Executor functionThreads) {
        Class<?> type = FunctionHandler.check(className, loader);
        if (RouteHandler.class.isAssignableFrom(type) && !RequestHandler.class.isAssignableFrom(type)
                && !RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is a RouteHandler; this needs an AWS Lambda "
                    + "RequestHandler or RequestStreamHandler that answers with JSON");
        }
        try {
            Constructor<?> constructor = type.getConstructor();
            InstancePool pool = new InstancePool(constructor);
            pool.warmUp();
            return new JsonFunction(type, pool, inputType(type), functionThreads);
        } catch (ReflectiveOperationException | IntegrationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + className + ": " + cause, cause);
        }
    }

    /**
     * Calls the function on a function thread.
     *
     * @return completes with the answer (JSON {@code null} when the handler returned nothing), or fails with what the
     *         handler threw, or with an {@link IntegrationException} when it cannot be called
     */
    public CompletionStage<JsonNode> invoke(byte[] event, String requestId, Duration timeout) {
        Invocation invocation = new Invocation(requestId, timeout, null);
        return FunctionThreads.submit(functionThreads, () -> call(event, invocation));
    }

    @SuppressWarnings("unchecked")
    private JsonNode call(byte[] event, Invocation invocation) throws Exception {
        Object instance = pool.acquire();
        try {
            LambdaContext context = new LambdaContext(invocation, type);
            if (instance instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(event), out, context);
                return out.size() == 0 ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(out.toByteArray());
            }
            Object request = input == String.class ? new String(event, StandardCharsets.UTF_8)
                    : Json.MAPPER.readerFor(Json.MAPPER.constructType(input))
                            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(event);
            Object response = ((RequestHandler<Object, Object>) instance).handleRequest(request, context);
            if (response instanceof String text) {
                return Json.MAPPER.readTree(text);
            }
            return response == null ? Json.MAPPER.nullNode() : Json.MAPPER.valueToTree(response);
        } finally {
            pool.release(instance);
        }
    }

    /** The {@code I} of {@code RequestHandler<I, O>}; a {@code Map} when it cannot be told. */
    private static Type inputType(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    Type in = p.getActualTypeArguments()[0];
                    return in instanceof Class<?> || in instanceof ParameterizedType ? in : Map.class;
                }
            }
        }
        return Map.class;
    }
}
