package io.switchboard.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.SwitchboardConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code engine.redis} is read with the rest of the file, its problems at their paths, the password never shown. */
class RedisSettingsTest {
    private static final String APIS = """
            apis:
              - name: demo
                stage: production
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
            """;
    private static final String SECRET = "hunter2-very-secret";

    private static SwitchboardConfig parse(String engine) {
        return ConfigLoader.withEnvironment(Map.of("REDIS_PASSWORD", SECRET)).parse(engine + APIS);
    }

    private static RedisSettings settings(String engine) {
        return parse(engine).engine().section().read(new RedisEngineProvider()::readSettings);
    }

    private static List<ConfigProblem> problems(String engine) {
        try {
            parse(engine);
            throw new AssertionError("expected configuration problems");
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET);
            return e.problems();
        }
    }

    @Test
    void everyKeyIsReadAndTheDefaultsAreSensible() {
        RedisSettings s = settings("""
                engine:
                  type: redis
                  redis:
                    uri: "rediss://cache.internal:6380/2"
                    password: "${REDIS_PASSWORD}"
                    database: 3
                    key-prefix: "gw-eu:"
                    connect-timeout: 2s
                    command-timeout: 750ms
                """);
        assertThat(s).isEqualTo(new RedisSettings(URI.create("rediss://cache.internal:6380/2"), Optional.of(SECRET),
                3, "gw-eu:", Duration.ofSeconds(2), Duration.ofMillis(750)));
        assertThat(s.tls()).isTrue();
        assertThat(settings("engine: {type: redis}\n")).isEqualTo(RedisSettings.at(RedisSettings.DEFAULT_URI));
    }

    @Test
    void badValuesAreProblemsAtTheirPaths() {
        assertThat(problems("engine: {type: redis, redis: {uri: \"http://cache:6379\"}}\n"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("engine.redis.uri");
                    assertThat(p.message()).contains("redis://");
                });
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://\"}}\n"))
                .extracting(ConfigProblem::path).containsExactly("engine.redis.uri");
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://ca che\"}}\n"))
                .extracting(ConfigProblem::path).containsExactly("engine.redis.uri");
        assertThat(problems("engine: {type: redis, redis: {key-prefix: \"has space:\"}}\n"))
                .extracting(ConfigProblem::path).containsExactly("engine.redis.key-prefix");
        assertThat(problems("""
                engine:
                  type: redis
                  redis: {database: -1, command-timeout: soon, prot: 1}
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder("engine.redis.database",
                "engine.redis.command-timeout", "engine.redis.prot");
    }

    @Test
    void thePasswordNeverAppearsInMessagesOrToString() {
        List<ConfigProblem> found = problems("""
                engine:
                  type: redis
                  redis: {uri: "http://user:hunter2-very-secret@cache:6379", password: "${REDIS_PASSWORD}"}
                """);
        assertThat(found).extracting(ConfigProblem::path).containsExactly("engine.redis.uri");
        assertThat(found).allSatisfy(p -> assertThat(p.toString()).doesNotContain(SECRET));
        RedisSettings s = settings("""
                engine:
                  type: redis
                  redis: {uri: "redis://user:hunter2-very-secret@cache:6379/1", password: "${REDIS_PASSWORD}"}
                """);
        assertThat(s.toString()).doesNotContain(SECRET).contains("cache:6379");
        assertThat(s.describe()).doesNotContain(SECRET);
    }

    @Test
    void aClusterIsSeedNodesInTheUriAndClusterTrue() {
        RedisSettings s = settings("""
                engine:
                  type: redis
                  redis: {uri: "redis://user:hunter2-very-secret@10.0.0.5:7000, 10.0.0.6:7001,10.0.0.7", cluster: true}
                """);
        assertThat(s.cluster()).isTrue();
        assertThat(s.nodes()).containsExactly(URI.create("redis://user:hunter2-very-secret@10.0.0.5:7000"),
                URI.create("redis://user:hunter2-very-secret@10.0.0.6:7001"),
                URI.create("redis://user:hunter2-very-secret@10.0.0.7"));
        assertThat(s.uri()).isEqualTo(s.nodes().get(0));
        assertThat(s.toString()).doesNotContain(SECRET).contains("10.0.0.5:7000,10.0.0.6:7001,10.0.0.7")
                .contains("cluster");
        RedisSettings one = settings("engine: {type: redis, redis: {uri: \"redis://10.0.0.5:7000\", cluster: true}}\n");
        assertThat(one.cluster()).isTrue();
        assertThat(one.nodes()).containsExactly(URI.create("redis://10.0.0.5:7000"));
        assertThat(settings("engine: {type: redis}\n").cluster()).isFalse();
    }

    @Test
    void clusterMistakesAreProblemsAtTheirPaths() {
        List<ConfigProblem> several = problems("""
                engine:
                  type: redis
                  redis: {uri: "redis://:hunter2-very-secret@a:7000,b:7001"}
                """);
        assertThat(several).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("engine.redis.uri");
            assertThat(p.message()).contains("cluster: true");
        });
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://a:7000,,b:7001\", cluster: true}}\n"))
                .extracting(ConfigProblem::path).containsExactly("engine.redis.uri");
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://a:7000,b:7001\", cluster: true, "
                + "database: 2}}\n")).extracting(ConfigProblem::path).containsExactly("engine.redis.database");
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://a:7000/3\", cluster: true}}\n"))
                .extracting(ConfigProblem::path).containsExactly("engine.redis.uri");
        assertThat(problems("engine: {type: redis, redis: {uri: \"redis://a:7000\", cluster: true, "
                + "key-prefix: \"gw{eu}:\"}}\n")).extracting(ConfigProblem::path)
                .containsExactly("engine.redis.key-prefix");
        assertThat(problems("engine: {type: redis, redis: {cluster: maybe}}\n")).extracting(ConfigProblem::path)
                .containsExactly("engine.redis.cluster");
    }
}
