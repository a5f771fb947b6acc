package io.switchboard.handler;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Handler instances by name, for configurations that name them instead of a class: {@code handler: echo} resolves a
 * registered name first and a class name otherwise. Tests and applications that embed the gateway pass them to
 * {@code Switchboard.start(config, handlers)}; a jar on the class path may contribute them through a
 * {@link HandlerProvider}. A registered instance serves every call at once, so it must be thread-safe (a class named
 * in the configuration is created once, too, except AWS Lambda handler classes).
 *
 * <pre>{@code
 * Handlers handlers = Handlers.builder()
 *         .route("echo", (event, context) -> RouteResult.ok(event.body().orElse("")))
 *         .topicPerApi("archive", Archive::new) // public Archive(ApiServices api)
 *         .build();
 * }</pre>
 *
 * Immutable; names are unique across all kinds.
 */
public final class Handlers {
    private static final Handlers NONE = new Handlers(Map.of());
    private final Map<String, Entry> byName;

    private Handlers(Map<String, Entry> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** No handlers: every name in the configuration is a class name. */
    public static Handlers none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The route handler ({@code function} integration) registered as {@code name}. */
    public Optional<RouteHandler> route(String name) {
        return find(name, Kind.ROUTE).map(RouteHandler.class::cast);
    }

    /** The HTTP route handler ({@code http-routes}) registered as {@code name}. */
    public Optional<HttpRouteHandler> http(String name) {
        return find(name, Kind.HTTP).map(HttpRouteHandler.class::cast);
    }

    /** The topic subscriber registered as {@code name}, made for the API it subscribes in. */
    public Optional<TopicHandler> topic(String name, ApiServices api) {
        return find(name, Kind.TOPIC).map(f -> ((TopicFactory) f).factory().apply(api));
    }

    /** The queue consumer registered as {@code name}, made for the API whose queue it consumes. */
    public Optional<QueueHandler> queue(String name, ApiServices api) {
        return find(name, Kind.QUEUE).map(f -> ((QueueFactory) f).factory().apply(api));
    }

    /** Whether {@code name} is registered (as any kind). */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** What kind of handler {@code name} is ({@code route}, {@code http}, {@code topic}, {@code queue}). */
    public Optional<String> kindOf(String name) {
        return Optional.ofNullable(byName.get(name)).map(e -> e.kind().name().toLowerCase(Locale.ROOT));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * These handlers and {@code more}.
     *
     * @throws IllegalArgumentException when both register one name
     */
    public Handlers and(Handlers more) {
        Builder merged = new Builder();
        byName.forEach((name, entry) -> merged.put(name, entry.kind(), entry.handler()));
        more.byName.forEach((name, entry) -> merged.put(name, entry.kind(), entry.handler()));
        return merged.build();
    }

    /** The handler registered as {@code name} for this kind: a name registered as another kind is not found. */
    private Optional<Object> find(String name, Kind kind) {
        return Optional.ofNullable(byName.get(name)).filter(e -> e.kind() == kind).map(Entry::handler);
    }

    @Override
    public String toString() {
        return "Handlers" + byName.keySet();
    }

    private enum Kind { ROUTE, HTTP, TOPIC, QUEUE }

    private record Entry(Kind kind, Object handler) {
    }

    private record TopicFactory(Function<ApiServices, TopicHandler> factory) {
    }

    private record QueueFactory(Function<ApiServices, QueueHandler> factory) {
    }

    /** Collects named handlers; a name can be registered once. */
    public static final class Builder {
        private final Map<String, Entry> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /** A route handler, for {@code function} integrations ({@code {type: function, handler: name}}). */
        public Builder route(String name, RouteHandler handler) {
            return put(name, Kind.ROUTE, Objects.requireNonNull(handler, "handler"));
        }

        /** An HTTP route handler, for {@code http-routes}. */
        public Builder http(String name, HttpRouteHandler handler) {
            return put(name, Kind.HTTP, Objects.requireNonNull(handler, "handler"));
        }

        /** A topic subscriber ({@code subscribers: [{handler: name}]}), the same instance for every API. */
        public Builder topic(String name, TopicHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return topicPerApi(name, api -> handler);
        }

        /** A topic subscriber made for each API that names it, from that API's services. */
        public Builder topicPerApi(String name, Function<ApiServices, TopicHandler> factory) {
            return put(name, Kind.TOPIC, new TopicFactory(Objects.requireNonNull(factory, "factory")));
        }

        /** A queue consumer ({@code consumer: {handler: name}}), the same instance for every API. */
        public Builder queue(String name, QueueHandler handler) {
            Objects.requireNonNull(handler, "handler");
            return queuePerApi(name, api -> handler);
        }

        /** A queue consumer made for each API that names it, from that API's services. */
        public Builder queuePerApi(String name, Function<ApiServices, QueueHandler> factory) {
            return put(name, Kind.QUEUE, new QueueFactory(Objects.requireNonNull(factory, "factory")));
        }

        public Handlers build() {
            return new Handlers(byName);
        }

        private Builder put(String name, Kind kind, Object handler) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("a handler name is not blank");
            }
            if (byName.putIfAbsent(name, new Entry(kind, handler)) != null) {
                throw new IllegalArgumentException("the handler name " + name + " is registered twice");
            }
            return this;
        }
    }
}
