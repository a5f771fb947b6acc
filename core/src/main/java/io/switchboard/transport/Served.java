package io.switchboard.transport;

import io.switchboard.config.ServerConfig;
import io.switchboard.connections.ConnectionRegistry;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.observability.AccessLog;
import io.switchboard.origin.OriginPolicy;
import io.switchboard.proxies.TrustedProxies;
import io.switchboard.routing.Dispatcher;
import io.switchboard.routing.StageApi;
import io.switchboard.routing.WorkTracker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Everything the listener serves, handed to it by the composition root: the stages and their dispatcher, what opening
 * and closing a connection means to the rest of the gateway ({@link ConnectionLifecycle}), the plain HTTP endpoints in
 * the order they are asked, and the node's connection policies. The listener reaches nothing else of the gateway.
 * Besides these parts it holds one piece of state, whether the server is stopping. Thread-safe.
 */
public final class Served {
    private final ServerConfig server;
    private final Map<String, StageApi> apis;
    private final Dispatcher dispatcher;
    private final AccessLog accessLog;
    private final ConnectionRegistry connections;
    private final ConnectionLifecycle lifecycle;
    private final List<HttpEndpoint> endpoints;
    private final OriginPolicy origins;
    private final TrustedProxies proxies;
    private final BooleanSupplier admitNewConnection;
    private final java.util.function.Supplier<Map<String, Object>> health;
    private final WorkTracker work;
    private final int largestMessageBytes;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private Served(Builder b) {
        this.server = Objects.requireNonNull(b.server, "server");
        this.apis = Map.copyOf(b.apis);
        this.dispatcher = Objects.requireNonNull(b.dispatcher, "dispatcher");
        this.accessLog = Objects.requireNonNull(b.accessLog, "accessLog");
        this.connections = Objects.requireNonNull(b.connections, "connections");
        this.lifecycle = Objects.requireNonNull(b.lifecycle, "lifecycle");
        this.endpoints = List.copyOf(b.endpoints);
        this.origins = Objects.requireNonNull(b.origins, "origins");
        this.proxies = Objects.requireNonNull(b.proxies, "proxies");
        this.admitNewConnection = b.admitNewConnection;
        this.health = b.health;
        this.work = Objects.requireNonNull(b.work, "work");
        this.largestMessageBytes = apis.values().stream().mapToInt(a -> a.limits().messageBytes()).max().orElse(0);
    }

    public static Builder builder() {
        return new Builder();
    }

    ServerConfig server() {
        return server;
    }

    /** The API served at {@code /{stage}}. */
    Optional<StageApi> api(String stage) {
        return Optional.ofNullable(apis.get(stage));
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    AccessLog accessLog() {
        return accessLog;
    }

    /** The open connections of this node: counted by {@code /healthz}, closed on shutdown. */
    ConnectionRegistry connections() {
        return connections;
    }

    ConnectionLifecycle lifecycle() {
        return lifecycle;
    }

    /** Asked in order for every plain HTTP request that is not an upgrade of a stage. */
    List<HttpEndpoint> endpoints() {
        return endpoints;
    }

    /** Which browser origins may open connections. */
    OriginPolicy originPolicy() {
        return origins;
    }

    /** Who a request comes from, behind the proxies of {@code server.trusted-proxies}. */
    TrustedProxies trustedProxies() {
        return proxies;
    }

    /** Takes a token from the node's bucket of new connections ({@code server.connect-throttling}). */
    boolean admitNewConnection() {
        return admitNewConnection.getAsBoolean();
    }

    /** What {@code /healthz} tells besides the status and this node's connections (read without waiting). */
    Map<String, Object> health() {
        return health.get();
    }

    /** The largest message any API accepts, which bounds the body of a management request. */
    int largestMessageBytes() {
        return largestMessageBytes;
    }

    /** From now on, upgrades still inside {@code $connect} are refused with 503. */
    void stopping() {
        stopping.set(true);
    }

    boolean isStopping() {
        return stopping.get();
    }

    /** Waits up to {@code timeout} for integration calls under way ({@code $disconnect} included). */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return work.awaitIdle(timeout);
    }

    /** Collects the parts; every one but the endpoints and the connection throttle is required. */
    public static final class Builder {
        private ServerConfig server;
        private final Map<String, StageApi> apis = new LinkedHashMap<>();
        private Dispatcher dispatcher;
        private AccessLog accessLog;
        private ConnectionRegistry connections;
        private ConnectionLifecycle lifecycle;
        private List<HttpEndpoint> endpoints = List.of();
        private OriginPolicy origins;
        private TrustedProxies proxies;
        private BooleanSupplier admitNewConnection = () -> true;
        private java.util.function.Supplier<Map<String, Object>> health = Map::of;
        private WorkTracker work;

        private Builder() {
        }

        public Builder server(ServerConfig server) {
            this.server = server;
            return this;
        }

        /** The APIs by stage. */
        public Builder apis(Map<String, StageApi> apis) {
            this.apis.putAll(apis);
            return this;
        }

        public Builder dispatcher(Dispatcher dispatcher) {
            this.dispatcher = dispatcher;
            return this;
        }

        public Builder accessLog(AccessLog accessLog) {
            this.accessLog = accessLog;
            return this;
        }

        public Builder connections(ConnectionRegistry connections) {
            this.connections = connections;
            return this;
        }

        public Builder lifecycle(ConnectionLifecycle lifecycle) {
            this.lifecycle = lifecycle;
            return this;
        }

        /** The plain HTTP endpoints, first match wins (default none: only upgrades and {@code /healthz}). */
        public Builder endpoints(List<HttpEndpoint> endpoints) {
            this.endpoints = List.copyOf(endpoints);
            return this;
        }

        public Builder originPolicy(OriginPolicy origins) {
            this.origins = origins;
            return this;
        }

        public Builder trustedProxies(TrustedProxies proxies) {
            this.proxies = proxies;
            return this;
        }

        /** Asked for every new connection; refusing answers 429 (default: every connection is admitted). */
        public Builder admitNewConnection(BooleanSupplier admit) {
            this.admitNewConnection = Objects.requireNonNull(admit, "admit");
            return this;
        }

        /** Counts integration calls under way, which a stopping server waits for. */
        /**
         * More of {@code /healthz}'s answer (the node and the cluster as last seen), built from what is at hand: it
         * is called on the event loop and must not wait. Default nothing more.
         */
        public Builder health(java.util.function.Supplier<Map<String, Object>> details) {
            this.health = Objects.requireNonNull(details, "details");
            return this;
        }

        public Builder work(WorkTracker work) {
            this.work = work;
            return this;
        }

        public Served build() {
            return new Served(this);
        }
    }
}
