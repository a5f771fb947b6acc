package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigLoader;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.connections.ConnectionRecord;
import io.switchboard.engine.Engine;
import io.switchboard.engine.EngineContext;
import io.switchboard.engine.Engines;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code engine.type: redis} is found through {@link java.util.ServiceLoader} and builds a working engine. */
class RedisEngineProviderTest {
    private static RedisProcess redis;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.stop();
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static SwitchboardConfig parse(String engine) {
        return ConfigLoader.withEnvironment(Map.of()).parse(engine + """
                apis:
                  - name: demo
                    stage: production
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                """);
    }

    @Test
    void theRedisTypeIsFoundAndCreatesARedisEngine() throws Exception {
        assertThat(Engines.types()).contains("memory", "redis");
        assertThat(Engines.provider("redis")).get().isInstanceOf(RedisEngineProvider.class);
        SwitchboardConfig config = parse("engine: {type: redis, redis: {uri: \"" + redis.uri()
                + "\", key-prefix: \"" + TestPrefixes.fresh() + "\"}}\n");
        try (Engine engine = Engines.create(config.engine(), EngineContext.forNewNode(Clock.systemUTC(), timers))) {
            assertThat(engine).isInstanceOf(RedisEngine.class);
            ConnectionRecord record = ConnectionRecord.of("s", "alice", "c1", 1_000, 10_000);
            engine.connections().add(record).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(engine.connections().find("s", "c1").toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasValue(record);
        }
    }

    @Test
    void aRedisThatCannotBeReachedFailsTheCreationAndNamesTheServerOnly() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SwitchboardConfig config = parse("engine: {type: redis, redis: {uri: \"redis://user:s3cret-pw@127.0.0.1:"
                + closedPort + "\", connect-timeout: 500ms}}\n");
        assertThatThrownBy(() -> Engines.create(config.engine(), EngineContext.forNewNode(Clock.systemUTC(), timers)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-pw"));
    }
}
