package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP backend on 127.0.0.1 for {@code http} integrations: records each request (headers and JSON body) and
 * answers with what the test's function returns.
 */
public final class TestBackend implements AutoCloseable {

    /** What the backend answers. */
    public record Reply(int status, String body) {
        public static Reply proxy(String json) {
            return new Reply(200, json);
        }
    }

    /** One request the backend received. */
    public record Request(String path, com.sun.net.httpserver.Headers headers, String body) {
        public JsonNode json() {
            return Json.MAPPER.readTree(body);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

    private TestBackend(Function<Request, Reply> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> handle(exchange, answer));
        server.start();
    }

    public static TestBackend start(Function<Request, Reply> answer) {
        try {
            return new TestBackend(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request; fails after 10 s. */
    public Request next() {
        try {
            Request request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("the backend received no request");
            }
            return request;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The requests received and not yet taken. */
    public java.util.List<Request> requests() {
        return java.util.List.copyOf(requests);
    }

    /** The next request that matches; earlier ones are dropped. */
    public Request await(java.util.function.Predicate<Request> matching) {
        while (true) {
            Request request = next();
            if (matching.test(request)) {
                return request;
            }
        }
    }

    private void handle(HttpExchange exchange, Function<Request, Reply> answer) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body);
        requests.add(request);
        Reply reply = answer.apply(request);
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
