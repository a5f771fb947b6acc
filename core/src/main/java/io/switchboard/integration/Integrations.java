package io.switchboard.integration;

import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.ServerConfig;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.HandlerProvider;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.HttpRouteHandler;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.TopicHandler;
import io.switchboard.template.TemplateEngine;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds integrations from configuration and owns what they share: the function threads, the HTTP client and the
 * class loader for handler classes.
 */
public final class Integrations implements AutoCloseable {
    private final ClassLoader handlerLoader;
    private final Handlers handlers;
    private final ThreadPoolExecutor functionThreads;
    private final HttpClient httpClient;
    private final TemplateEngine templates = TemplateEngine.shared();

    /** Integrations whose handlers are classes only (and those of {@link HandlerProvider}s on the class path). */
    public Integrations(ServerConfig server) {
        this(server, Handlers.none());
    }

    /**
     * Integrations that resolve a handler name among {@code handlers} and the handlers of every
     * {@link HandlerProvider} found on the class path and {@code server.classpath}, before trying it as a class name.
     *
     * @throws IllegalArgumentException when two of them register one name
     */
    public Integrations(ServerConfig server, Handlers handlers) {
        this.handlerLoader = handlerLoader(server.classpath());
        this.handlers = handlers.and(provided(handlerLoader));
        this.functionThreads = FunctionThreads.create(server.functionThreads(), server.functionQueue(), handlerLoader);
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Checks that a function integration's class can be used, without creating it (for {@code check-config}).
     *
     * @throws IllegalArgumentException explaining the problem
     */
    public static void checkHandler(String className, List<Path> classpath, Handlers handlers) {
        if (handlers.route(className).isEmpty()) {
            FunctionHandler.check(className, handlerLoader(classpath));
        }
    }

    /**
     * Checks that a handler class implements {@code type} and can be created, without creating it.
     *
     * @throws IllegalArgumentException explaining the problem
     */
    public static void checkHttpHandler(String className, List<Path> classpath, Handlers handlers) {
        if (handlers.http(className).isEmpty()) {
            HandlerClasses.load(className, handlerLoader(classpath), List.of(HttpRouteHandler.class));
        }
    }

    /** A registered HTTP route handler named {@code name}, or the one instance of that class. */
    public HttpRouteHandler httpHandler(String name) {
        return handlers.http(name).orElseGet(() -> newHandler(name, HttpRouteHandler.class));
    }

    /**
     * The handlers registered by name here, with those of every {@link HandlerProvider} on the class path and
     * {@code classpath} (for {@code check-config}, which needs their names).
     */
    public static Handlers handlers(List<Path> classpath, Handlers registered) {
        return registered.and(provided(handlerLoader(classpath)));
    }

    /** @throws IllegalArgumentException when a provider cannot be loaded or fails, or two register one name */
    private static Handlers provided(ClassLoader loader) {
        Handlers all = Handlers.none();
        try {
            for (HandlerProvider provider : ServiceLoader.load(HandlerProvider.class, loader)) {
                all = all.and(provider.handlers());
            }
        } catch (ServiceConfigurationError | RuntimeException e) {
            throw new IllegalArgumentException("a handler provider (META-INF/services/"
                    + HandlerProvider.class.getName() + ") failed: " + e.getMessage(), e);
        }
        return all;
    }

    /**
     * Loads a handler class that implements {@code type} and creates its one instance.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    public <T> T newHandler(String className, Class<T> type) {
        Class<?> loaded = HandlerClasses.load(className, handlerLoader, List.of(type));
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + className + ": " + cause, cause);
        }
    }

    /** Every handler registered by name: those given and those of the class path's {@link HandlerProvider}s. */
    public Handlers handlers() {
        return handlers;
    }

    /**
     * Runs blocking work on the function threads. The stage fails at once with an {@link IntegrationException} when
     * every thread is busy and the queue is full.
     */
    public <T> CompletableFuture<T> onFunctionThread(Callable<T> work) {
        return FunctionThreads.submit(functionThreads, work);
    }

    /**
     * Builds one integration; {@code name} labels its templates in messages.
     *
     * @throws IllegalArgumentException explaining what cannot be built, fit for a user
     */
    public Integration create(IntegrationConfig config, String name) {
        if (config instanceof IntegrationConfig.Function f) {
            FunctionHandler handler = handlers.route(f.handler()).map(FunctionHandler::of)
                    .orElseGet(() -> FunctionHandler.load(f.handler(), handlerLoader));
            return (event, invocation) -> onFunctionThread(() -> handler.call(event, invocation));
        }
        if (config instanceof IntegrationConfig.Http h) {
            return new HttpIntegration(httpClient, h.uri(), h.headers(), h.timeout());
        }
        if (!(config instanceof IntegrationConfig.Mock m)) {
            throw new IllegalArgumentException("a " + config.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " integration is built by the real-time stack (StageApi.MessagingIntegrations)");
        }
        try {
            return new MockIntegration(templates,
                    m.requestTemplate().map(t -> templates.compile(name + " request-template", t)),
                    m.responseTemplate().map(t -> templates.compile(name + " response-template", t)));
        } catch (IntegrationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Loads a Lambda handler class that answers JSON (an authorizer, for example), run on the function threads.
     *
     * @throws IllegalArgumentException explaining what cannot be loaded, fit for a user
     */
    public JsonFunction jsonFunction(String className) {
        return JsonFunction.load(className, handlerLoader, functionThreads);
    }

    /**
     * The function threads: besides {@code function} handlers they run topic handlers, queue consumers and the
     * pusher's subscriptions, and work such as fetching keys, which may block as well.
     */
    public java.util.concurrent.Executor functionThreads() {
        return functionThreads;
    }

    /** The asynchronous HTTP client integrations share (no redirects followed). */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * A topic subscriber named by class ({@code subscribers: [{handler: …}]}): a
     * {@link TopicHandler}, created with {@code api} when it has a constructor taking
     * {@link ApiServices}, or an unchanged AWS Lambda {@code RequestHandler<SNSEvent, ?>}.
     *
     * @param api the services of the API the topic belongs to
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    public TopicHandler topicHandler(String className, ApiServices api) {
        Optional<TopicHandler> registered = handlers.topic(className, api);
        if (registered.isPresent()) {
            return registered.get();
        }
        Class<?> type = subscriberClass(className, TopicHandler.class, handlerLoader);
        return TopicHandler.class.isAssignableFrom(type)
                ? (TopicHandler) createNative(type, api)
                : LambdaSubscribers.topic(type, pool(type));
    }

    /**
     * A queue consumer named by class ({@code consumer: {handler: …}}): a {@link QueueHandler},
     * created with {@code api} when it has a constructor taking {@link ApiServices}, or an unchanged AWS Lambda
     * {@code RequestHandler<SQSEvent, SQSBatchResponse>}.
     *
     * @param visibilityTimeout the queue's, which a Lambda handler's context counts down from
     * @param api               the services of the API the queue belongs to
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    public QueueHandler queueHandler(String className, String queue,
                                                           Duration visibilityTimeout, ApiServices api) {
        Optional<QueueHandler> registered = handlers.queue(className, api);
        if (registered.isPresent()) {
            return registered.get();
        }
        Class<?> type = subscriberClass(className, QueueHandler.class, handlerLoader);
        return QueueHandler.class.isAssignableFrom(type)
                ? (QueueHandler) createNative(type, api)
                : LambdaSubscribers.queue(type, pool(type), queue, visibilityTimeout);
    }

    /**
     * Checks that a class named as a topic subscriber ({@code nativeType} {@code TopicHandler}) or queue consumer
     * ({@code QueueHandler}) can be used, without creating it (for {@code check-config}).
     *
     * @throws IllegalArgumentException explaining the problem
     */
    public static void checkSubscriber(String className, Class<?> nativeType, List<Path> classpath,
                                       Handlers handlers) {
        String kind = nativeType == TopicHandler.class ? "topic" : "queue";
        if (handlers.kindOf(className).filter(kind::equals).isPresent()) {
            return;
        }
        subscriberClass(className, nativeType, handlerLoader(classpath));
    }

    /** Our own interfaces may take the API's services in their constructor; Lambda handlers, as on AWS, may not. */
    private static Class<?> subscriberClass(String className, Class<?> nativeType, ClassLoader loader) {
        Class<?> type = HandlerClasses.load(className, loader, List.of(Object.class), // the type is checked next
                Optional.of(ApiServices.class));
        LambdaSubscribers.check(type, nativeType, nativeType == TopicHandler.class
                ? com.amazonaws.services.lambda.runtime.events.SNSEvent.class
                : com.amazonaws.services.lambda.runtime.events.SQSEvent.class);
        if (!nativeType.isAssignableFrom(type) && HandlerClasses.constructor(type).isEmpty()) {
            throw new IllegalArgumentException(className + " needs a public constructor without arguments");
        }
        return type;
    }

    /** The one instance of a subscriber class of ours: given the API's services when it asks for them. */
    private static Object createNative(Class<?> type, ApiServices api) {
        Optional<java.lang.reflect.Constructor<?>> withServices = HandlerClasses.constructor(type, ApiServices.class);
        if (withServices.isEmpty()) {
            return create(type);
        }
        try {
            return withServices.get().newInstance(api);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + cause, cause);
        }
    }

    private static Object create(Class<?> type) {
        return pool(type).acquire();
    }

    private static InstancePool pool(Class<?> type) {
        try {
            InstancePool pool = new InstancePool(type.getConstructor());
            pool.warmUp();
            return pool;
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " needs a public constructor without arguments", e);
        } catch (IntegrationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + type.getName() + ": " + cause, cause);
        }
    }

    /** Stops the function threads, waiting up to {@code timeout} for running handlers. */
    public void shutdown(Duration timeout) {
        functionThreads.shutdown();
        try {
            functionThreads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        functionThreads.shutdownNow();
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private static ClassLoader handlerLoader(List<Path> classpath) {
        ClassLoader parent = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(Integrations.class.getClassLoader());
        if (classpath.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : classpath) {
            try {
                urls.add(entry.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("classpath entry " + entry + " is not a file path", e);
            }
        }
        return new URLClassLoader("switchboard-handlers", urls.toArray(URL[]::new), parent);
    }
}
