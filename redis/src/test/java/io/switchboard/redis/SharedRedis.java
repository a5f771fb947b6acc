package io.switchboard.redis;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real {@code redis-server} for a test class, and what each test opens on it, closed after the test, newest
 * first: {@code @RegisterExtension static final SharedRedis REDIS = new SharedRedis();}. Each {@link #clients()} has
 * a key prefix of its own, so tests never see each other's keys. {@link #cluster()} is the same on a three-master
 * Redis Cluster ({@link RedisClusterProcess}).
 */
final class SharedRedis implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final boolean onCluster;
    private RedisProcess server;
    private RedisClusterProcess cluster;
    private final List<AutoCloseable> opened = new ArrayList<>();

    SharedRedis() {
        this(false);
    }

    private SharedRedis(boolean onCluster) {
        this.onCluster = onCluster;
    }

    /** One Redis Cluster of three masters for the test class. */
    static SharedRedis cluster() {
        return new SharedRedis(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (onCluster) {
            cluster = RedisClusterProcess.start();
        } else {
            server = RedisProcess.start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<AutoCloseable> closing;
        synchronized (opened) {
            closing = new ArrayList<>(opened);
            opened.clear();
        }
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    /** The standalone server (not on a cluster). */
    RedisProcess server() {
        if (server == null) {
            throw new IllegalStateException("this SharedRedis is a cluster");
        }
        return server;
    }

    /** Settings for a new key prefix on the server or cluster. */
    RedisSettings freshSettings() {
        return onCluster ? cluster.settings(TestPrefixes.fresh()) : server.settings(TestPrefixes.fresh());
    }

    /** Connections with a new key prefix, closed after the test. */
    RedisClients clients() {
        return closeAfterTest(RedisClients.connect(freshSettings()));
    }

    /** Closes {@code resource} after the test (before what was opened earlier). */
    <T extends AutoCloseable> T closeAfterTest(T resource) {
        synchronized (opened) {
            opened.add(resource);
        }
        return resource;
    }
}
