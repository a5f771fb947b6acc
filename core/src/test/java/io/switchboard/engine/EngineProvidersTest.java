package io.switchboard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.EngineConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.connections.ConnectionRecord;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code engine.type} picks an {@link EngineProvider} found by {@link java.util.ServiceLoader}, and each engine's own
 * section is checked with the rest of the file, its problems at their YAML paths.
 */
class EngineProvidersTest {
    private static final String APIS = """
            apis:
              - name: demo
                stage: production
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
            """;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static SwitchboardConfig parse(String yaml) {
        return ConfigLoader.withEnvironment(Map.of("NODE_NAME", "n1")).parse(yaml + APIS);
    }

    private static List<ConfigProblem> problems(String yaml) {
        try {
            parse(yaml);
            throw new AssertionError("expected configuration problems");
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    @Test
    void theMemoryEngineIsFoundAndIsTheDefault() {
        assertThat(Engines.types()).contains("memory");
        assertThat(Engines.provider("memory")).get().isInstanceOf(MemoryEngineProvider.class);
        assertThat(Engines.provider("nosuch")).isEmpty();
        assertThat(parse("").engine()).isEqualTo(EngineConfig.DEFAULTS);
        assertThat(parse("engine: {type: memory, memory: {}}\n").engine().type()).isEqualTo("memory");
        assertThat(parse("engine:\n  memory:\n").engine().section().path()).isEqualTo("engine.memory");
    }

    @Test
    void anUnknownTypeIsAProblemAtEngineTypeThatListsTheKnownTypes() {
        List<ConfigProblem> problems = problems("""
                engine:
                  type: redis
                  redis: {uri: "redis://localhost"}
                server: {prot: 1}
                """);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder("engine.type", "server.prot");
        assertThat(problems).filteredOn(p -> p.path().equals("engine.type")).singleElement()
                .extracting(ConfigProblem::message).asString()
                .contains("unknown engine type 'redis'").contains("known types: ").contains("memory");
    }

    @Test
    void aKeyInTheMemorySectionIsAProblemAtItsPathWithTheOtherProblems() {
        List<ConfigProblem> problems = problems("""
                engine:
                  type: memory
                  memory: {foo: 1, node: "${NODE_NAME}"}
                  other: {}
                management: {region: "Not A Region"}
                """);
        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "engine.memory.foo", "engine.memory.node", "engine.other", "management.region");
        assertThat(problems).filteredOn(p -> p.path().startsWith("engine."))
                .allSatisfy(p -> assertThat(p.message()).startsWith("unknown key"));
        assertThat(problems("engine: {memory: [a]}\n")).extracting(ConfigProblem::toString)
                .singleElement().asString().startsWith("engine.memory: must be a mapping");
    }

    @Test
    void aMemoryEngineCreatedThroughItsProviderWorks() throws Exception {
        SwitchboardConfig config = parse("engine: {type: memory}\n");
        try (Engine engine = Engines.create(config.engine(), EngineContext.forNewNode(Clock.systemUTC(), timers))) {
            assertThat(engine).isInstanceOf(MemoryEngine.class);
            ConnectionRecord record = ConnectionRecord.of("s", "alice", "c1", 1_000, 10_000);
            engine.connections().add(record).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(engine.connections().find("s", "c1").toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .hasValue(record);
        }
    }

    @Test
    void creatingAnEngineOfAnUnknownTypeFailsAtEngineType() {
        EngineContext context = new EngineContext("n1", Clock.systemUTC(), timers);
        assertThatThrownBy(() -> Engines.create(EngineConfig.of("nosuch"), context))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .satisfies(p -> assertThat(p.path()).isEqualTo("engine.type"))
                        .satisfies(p -> assertThat(p.message()).contains("'nosuch'", "memory")));
    }

    @Test
    void theContextNeedsANodeId() {
        assertThatThrownBy(() -> new EngineContext(" ", Clock.systemUTC(), timers))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EngineContext.forNewNode(Clock.systemUTC(), timers).nodeId())
                .isNotEqualTo(EngineContext.forNewNode(Clock.systemUTC(), timers).nodeId());
    }
}
