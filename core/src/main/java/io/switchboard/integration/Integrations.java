package io.switchboard.integration;

import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.ServerConfig;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds integrations from configuration and owns what they share: the function threads, the HTTP client and the
 * class loader for handler classes.
 */
public final class Integrations implements AutoCloseable {
    private final ClassLoader handlerLoader;
    private final ThreadPoolExecutor functionThreads;
    private final HttpClient httpClient;
    private final TemplateEngine templates = TemplateEngine.shared();

    public Integrations(ServerConfig server) {
        this.handlerLoader = handlerLoader(server.classpath());
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
    public static void checkHandler(String className, List<Path> classpath) {
        FunctionHandler.check(className, handlerLoader(classpath));
    }

    /**
     * Builds one integration; {@code name} labels its templates in messages.
     *
     * @throws IllegalArgumentException explaining what cannot be built, fit for a user
     */
    public Integration create(IntegrationConfig config, String name) {
        if (config instanceof IntegrationConfig.Function f) {
            return new FunctionIntegration(FunctionHandler.load(f.handler(), handlerLoader), functionThreads);
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
     * The function threads: besides {@code function} handlers they run topic handlers, queue consumers and the
     * pusher's subscriptions, which may block as well.
     */
    public java.util.concurrent.Executor functionThreads() {
        return functionThreads;
    }

    /**
     * Creates an instance of a class from the handler class path (a topic handler or queue consumer named in
     * configuration) with its public no-argument constructor.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    public <T> T instantiate(String className, Class<T> type) {
        Class<?> loaded = HandlerClasses.load(className, handlerLoader, List.of(type));
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + className + " threw " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + className + ": " + e, e);
        }
    }

    /**
     * Checks that a class of the handler class path implements {@code type} and can be created, without creating it.
     *
     * @throws IllegalArgumentException explaining the problem
     */
    public static void checkClass(String className, Class<?> type, List<Path> classpath) {
        HandlerClasses.load(className, handlerLoader(classpath), List.of(type));
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
