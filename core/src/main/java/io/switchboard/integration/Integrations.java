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
     * Checks that a handler class implements {@code type} and can be created, without creating it.
     *
     * @throws IllegalArgumentException explaining the problem
     */
    public static void checkHandler(String className, List<Path> classpath, Class<?> type) {
        checkType(FunctionHandler.checkClass(className, handlerLoader(classpath)), type);
    }

    /**
     * Loads a handler class that implements {@code type} and creates its one instance.
     *
     * @throws IllegalArgumentException explaining what is wrong, fit for a user
     */
    public <T> T newHandler(String className, Class<T> type) {
        Class<?> loaded = checkType(FunctionHandler.checkClass(className, handlerLoader), type);
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + className + ": " + cause, cause);
        }
    }

    private static Class<?> checkType(Class<?> loaded, Class<?> type) {
        if (!type.isAssignableFrom(loaded)) {
            throw new IllegalArgumentException(loaded.getName() + " does not implement " + type.getName());
        }
        return loaded;
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
            FunctionHandler handler = FunctionHandler.load(f.handler(), handlerLoader);
            return (event, invocation) -> onFunctionThread(() -> handler.call(event, invocation));
        }
        if (config instanceof IntegrationConfig.Http h) {
            return new HttpIntegration(httpClient, h.uri(), h.headers(), h.timeout());
        }
        IntegrationConfig.Mock m = (IntegrationConfig.Mock) config;
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

    /** The function threads, for other work that may block (fetching keys, for example). */
    public java.util.concurrent.Executor functionThreads() {
        return functionThreads;
    }

    /** The asynchronous HTTP client integrations share (no redirects followed). */
    public HttpClient httpClient() {
        return httpClient;
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
