package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.testing.ClientInputs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@link ConfigLoader} on configurations that are wrong in every way a person (or a template gone wrong) makes them
 * wrong: it loads them, or throws {@link ConfigException} listing problems at YAML paths; never another exception.
 *
 * <p>The YAML is a complete, valid configuration (the example of docs/configuration.md, and a minimal one) changed a
 * few times over: a known key set to a value of the wrong type or shape, a bad duration or size ({@code 10 parsecs},
 * {@code 10000000000GB}), a huge or fractional number, a path with a NUL, a bad URL, template or expression,
 * {@code ${ENV}} references set, unset, with defaults or malformed; unknown keys; keys removed; deep nesting; and
 * the text itself broken (YAML syntax, duplicate keys, aliases, truncation). Every problem has a message and a path
 * that starts at a key of the document (or {@code apis}, which is required); a YAML that cannot be read is one
 * problem at the root.
 */
class ConfigLoaderProperties {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> ENVIRONMENT = Map.of("SWITCHBOARD_SECRET", "s3cret-from-the-env-42",
            "ACME_API_KEY", "acme-key-0123456789abcdef", "BACKEND_TOKEN", "backend", "HOOK_TOKEN", "hook", "PORT", "9123",
            "EMPTY", "", "DOLLAR", "$1\\", "DURATION", "10s");

    /** The complete example of docs/configuration.md, without the files it names (they do not exist here). */
    private static final String COMPLETE = """
            server:
              host: 0.0.0.0
              port: 8080
              domain-name: ""
              handshake-timeout: 10s
              max-initial-line: 4KB
              max-header-size: 16KB
              event-loop-threads: 0
              function-threads: 64
              function-queue: 10000
              shutdown-timeout: 30s
              access-log: stdout
              static:
                - {path: /, dir: "classpath:/web"}
              allowed-origins: ["https://chat.example.com"]
              connect-throttling: {rate-limit: 500, burst-limit: 500}
            dev-issuer:
              enabled: false
            engine:
              type: memory
            management:
              credentials:
                - {access-key-id: AKIDLOCAL, secret-access-key: "${SWITCHBOARD_SECRET}"}
              region: ""
            apis:
              - name: chat
                stage: production
                stage-variables: {backend: "127.0.0.1:3000"}
                route-selection-expression: $request.body.action
                accept-binary: false
                limits: {frame-bytes: 32KB, message-bytes: 128KB, idle-timeout: 10m, max-connection-duration: 2h,
                         pending-messages: 64, outbound-bytes: 1MB}
                throttling: {rate-limit: 10000, burst-limit: 5000, per-connection: {rate-limit: 50, burst-limit: 100}}
                api-key-selection-expression: $request.header.x-api-key
                authorizers:
                  - {name: jwt, type: jwt, jwks-uri: "https://issuer.example/.well-known/jwks.json",
                     issuer: "https://issuer.example", audiences: [chat], claims: [email]}
                usage-plans:
                  - name: partners
                    throttling: {rate-limit: 100, burst-limit: 200}
                    quota: {limit: 100000, period: day}
                    api-keys: [{id: acme, value: "${ACME_API_KEY}"}]
                routes:
                  $connect:
                    authorizer: jwt
                    integration: {type: http, uri: "http://${stageVariables.backend}/connect",
                                  headers: {X-Token: "${BACKEND_TOKEN}"}}
                  $disconnect:
                    integration: {type: function, handler: com.example.chat.OnDisconnect}
                  sendMessage:
                    integration: {type: function, handler: com.example.chat.SendMessage, timeout: 5s}
                    route-response: true
                  ping:
                    integration: {type: mock, response-template: '{"type":"pong","connectionId":"$context.connectionId"}'}
                    route-response: true
                  publish:
                    integration: {type: topic, topic: messages, message: $request.body.message}
                  send:
                    integration: {type: queue, queue: messages, message: $request.body.message}
                http-routes:
                  GET /receiver:
                    integration: {type: function, handler: com.example.Receiver, timeout: 5s}
                connections: {user-id: $context.authorizer.principalId, ttl: 2h}
                presence: {topic: messages, offline-ttl: 1d}
                topics:
                  messages:
                    subscribers:
                      - {queue: messages-audit}
                      - {http: "http://127.0.0.1:3000/hooks/messages", headers: {X-Token: "${HOOK_TOKEN}"}, retries: 3}
                      - {handler: com.example.chat.Archive}
                    dead-letter-queue: messages-dlq
                  notifications: {subscribers: [{pusher: true}]}
                queues:
                  messages: {visibility-timeout: 30s, retention: 4d, max-receive-count: 5, dead-letter-queue: messages-dlq}
                  messages-dlq: {retention: 14d}
                  messages-audit: {}
                  notifications: {consumer: {pusher: true, batch-size: 10, maximum-batching-window: 0s}}
            """;
    private static final String MINIMAL = """
            apis:
              - name: demo
                stage: production
                routes:
                  ping: {integration: {type: mock, response-template: pong}, route-response: true}
            """;

    /** Keys the configuration readers know, to be set where they do not belong. */
    private static final List<String> KNOWN_KEYS = List.of("server", "engine", "management", "apis", "dev-issuer",
            "host", "port", "tls", "certificate", "private-key", "classpath", "static", "dir", "path", "timeout",
            "ttl", "type", "name", "stage", "routes", "integration", "handler", "uri", "headers", "limits",
            "frame-bytes", "message-bytes", "authorizers", "jwks-uri", "audiences", "usage-plans", "api-keys",
            "topics", "queues", "subscribers", "consumer", "presence", "connections", "user-id", "key-file",
            "enabled", "request-template", "response-template", "route-selection-expression", "http-routes",
            "credentials", "region", "throttling", "quota", "identity-source", "stage-variables");

    /** Known keys that the base configurations leave out, by the mapping they belong to. */
    private static final List<List<String>> ABSENT_KEYS = List.of(
            List.of("server", "tls"), List.of("server", "classpath"), List.of("dev-issuer", "key-file"),
            List.of("dev-issuer", "ttl"), List.of("dev-issuer", "max-ttl"), List.of("dev-issuer", "issuer"),
            List.of("dev-issuer", "allow-non-loopback"), List.of("apis", "0", "authorizers", "0", "clock-skew"),
            List.of("apis", "0", "authorizers", "0", "max-token-bytes"),
            List.of("apis", "0", "authorizers", "0", "identity-source"),
            List.of("apis", "0", "routes", "ping", "integration", "request-template"),
            List.of("apis", "0", "routes", "send", "integration", "delay"),
            List.of("apis", "0", "queues", "messages", "delay"));

    @Property(tries = 300)
    void loadsOrListsProblemsAtYamlPaths(@ForAll("configurations") String yaml) {
        SwitchboardConfig config;
        try {
            config = ConfigLoader.withEnvironment(ENVIRONMENT).parse(yaml);
        } catch (ConfigException e) {
            assertThat(e.problems()).as(yaml).isNotEmpty();
            Set<String> roots = topLevelKeys(yaml);
            for (ConfigProblem problem : e.problems()) {
                assertThat(problem.message()).as("%s in %s", problem, yaml).isNotBlank();
                if (roots == null) {
                    assertThat(e.problems()).as("unreadable YAML: %s", yaml).singleElement()
                            .extracting(ConfigProblem::path).isEqualTo("");
                } else if (!problem.path().isEmpty()) {
                    String path = problem.path();
                    assertThat(roots.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + ".")
                            || path.startsWith(r + "["))).as("%s in %s", problem, yaml).isTrue();
                }
            }
            return;
        }
        assertThat(config.apis()).isNotEmpty();
    }

    @Example
    void theBaseConfigurationsLoad() {
        assertThat(ConfigLoader.withEnvironment(ENVIRONMENT).parse(COMPLETE).apis()).hasSize(1);
        assertThat(ConfigLoader.withEnvironment(ENVIRONMENT).parse(MINIMAL).apis()).hasSize(1);
    }

    // ---- generators

    @Provide
    Arbitrary<String> configurations() {
        Arbitrary<String> changed = Combinators.combine(Arbitraries.of(COMPLETE, COMPLETE, MINIMAL),
                        change().list().ofMinSize(1).ofMaxSize(4))
                .as(ConfigLoaderProperties::apply);
        Arbitrary<String> broken = Combinators.combine(Arbitraries.oneOf(changed, Arbitraries.of(COMPLETE, MINIMAL)),
                        Arbitraries.doubles().between(0, 1), Arbitraries.of(":", "- ", "\t", "{", "}", "[", "]",
                                "&a ", "*a", "!!binary ", "? ", "|", ">", "'", "\"", "#", "%", "@", "`", "\n", "  ",
                                "\u0000", "\ufeff", "\n" + "apis: []\n", "\nx: &a [1]\ny: [*a, *a, *a]\n",
                                "\nserver: {port: 1}\n", "${"), Arbitraries.of(true, false))
                .as((text, where, token, cut) -> {
                    int at = (int) (where * text.length());
                    return cut ? text.substring(0, at) : text.substring(0, at) + token + text.substring(at);
                });
        return Arbitraries.frequencyOf(Tuple.of(6, changed), Tuple.of(2, broken));
    }

    /** One change: where (a walk from the root, or a known key the base leaves out), what, and a value. */
    record Change(List<Integer> walk, int kind, String key, JsonNode value) {
    }

    private static Arbitrary<Change> change() {
        Arbitrary<List<Integer>> walk = Arbitraries.integers().between(0, 40).list().ofMaxSize(7);
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(KNOWN_KEYS)),
                Tuple.of(1, Arbitraries.of("unknown", "Port", "apis ", "", "0", "$connect", "a.b", "[0]")));
        return Combinators.combine(walk, Arbitraries.integers().between(0, 4), key, value(2))
                .as(Change::new);
    }

    /** The base YAML with the changes made, written out again as YAML. */
    private static String apply(String base, List<Change> changes) {
        ObjectNode tree = (ObjectNode) YAML.readTree(base);
        for (Change c : changes) {
            if (c.kind() == 4) {
                List<String> slot = ABSENT_KEYS.get(Math.floorMod(c.walk().hashCode(), ABSENT_KEYS.size()));
                JsonNode parent = tree.at("/" + String.join("/", slot.subList(0, slot.size() - 1)));
                if (parent instanceof ObjectNode object) {
                    object.set(slot.get(slot.size() - 1), c.value());
                }
                continue;
            }
            JsonNode node = tree;
            for (int step = 0; step < c.walk().size(); step++) {
                List<String> names = new ArrayList<>(node.propertyNames());
                int size = node.size();
                if (size == 0 || !node.isContainer()) {
                    break;
                }
                int i = Math.floorMod(c.walk().get(step), size);
                JsonNode child = node.isObject() ? node.get(names.get(i)) : node.get(i);
                boolean last = step == c.walk().size() - 1 || !child.isContainer() || child.isEmpty();
                if (!last) {
                    node = child;
                    continue;
                }
                switch (c.kind()) {
                    case 0 -> set(node, names, i, c.value()); // a value of another type or shape
                    case 1 -> { // a key, known or not, where it may not belong
                        if (node instanceof ObjectNode object) {
                            object.set(c.key(), c.value());
                        } else {
                            ((ArrayNode) node).add(c.value());
                        }
                    }
                    case 2 -> { // a key or item removed
                        if (node instanceof ObjectNode object) {
                            object.remove(names.get(i));
                        } else {
                            ((ArrayNode) node).remove(i);
                        }
                    }
                    default -> set(node, names, i, deep(c.walk().size() * 40 + 5)); // deep nesting
                }
                break;
            }
        }
        try {
            return YAML.writeValueAsString(tree);
        } catch (JacksonException e) {
            return base; // a value YAML cannot write (some control characters): the base is a fine sample too
        }
    }

    private static void set(JsonNode parent, List<String> names, int i, JsonNode value) {
        if (parent instanceof ObjectNode object) {
            object.set(names.get(i), value);
        } else {
            ((ArrayNode) parent).set(i, value);
        }
    }

    private static JsonNode deep(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("port", node);
        }
        return node;
    }

    /** A value of any type: text that configuration readers parse, numbers of every size, lists and mappings. */
    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> text = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(
                        // durations and sizes
                        "10s", "50ms", "0s", "10 parsecs", "-1s", "999999999999d", "1.5h", "10S", "32KB", "0",
                        "10000000000GB", "12 parsecs", "1e3", "-1",
                        // environment variables
                        "${PORT}", "${UNSET}", "${UNSET:-x}", "${UNSET:-}", "$${X}", "${lower}", "${", "${EMPTY}",
                        "${DOLLAR}", "${DURATION}", "${PORT:-${UNSET}}",
                        // booleans and numbers as text
                        "true", "yes", "TRUE", "65536", "0x10", "NaN", "Infinity",
                        // paths
                        "a\u0000b", "\u0000", "/nonexistent/file", "~", "~/x", "classpath:", "classpath:/",
                        "classpath:../x", "classpath:/web", "../..", "/dev/null",
                        // URLs, never to a name that would need DNS
                        "http://127.0.0.1:1/x", "ftp://x/y", "https://", "http://[::1/", "http://a b/",
                        "http://%zz/", "https://[::1]:99999/", "http://${stageVariables.missing}/",
                        "http://${stageVariables.backend}/", "::::", "http://localhost/x", "http://10.0.0.1/x",
                        // templates, expressions, names
                        "#if(", "#foreach(", "$input.json('$.a')", "#set($x = )", "#end", "{\"statusCode\": 200}",
                        "$request.body.action", "${request.body }", "$request.header.x", "\\$default",
                        "$context.authorizer.principalId", "com.example.X", "1abc", "jwt", "function", "http",
                        "mock", "topic", "queue", "request", "memory", "redis", "day", "week", "RS256", "none",
                        "HS256", "route.request.header.Authorization", "route.request.querystring.", "GET /x",
                        "https://chat.example.com", "*", "null", "").map(v -> (JsonNode) NODES.textNode(v))),
                Tuple.of(2, ClientInputs.anyText(12).map(v -> (JsonNode) NODES.textNode(v))));
        Arbitrary<JsonNode> number = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i.intValue())),
                Arbitraries.of(0, -1, 1, 65535, 65536, Integer.MAX_VALUE).map(i -> (JsonNode) NODES.numberNode(i.intValue())),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 4_294_967_296L)
                        .map(l -> (JsonNode) NODES.numberNode(l.longValue())),
                Arbitraries.of(new BigInteger("99999999999999999999999999999"), BigInteger.TEN.pow(400))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, 1e308, -0.0, 0.5, 1.5e-300)
                        .map(d -> (JsonNode) NODES.numberNode(d.doubleValue())));
        Arbitrary<JsonNode> scalar = Arbitraries.frequencyOf(Tuple.of(5, text), Tuple.of(2, number),
                Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<JsonNode> list = inner.list().ofMaxSize(3).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Arbitrary<JsonNode> mapping = Combinators.combine(Arbitraries.of(KNOWN_KEYS).list().ofMaxSize(3),
                inner.list().ofSize(3)).as((keys, values) -> {
                    ObjectNode object = NODES.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        object.set(keys.get(i), values.get(i));
                    }
                    return object;
                });
        return Arbitraries.frequencyOf(Tuple.of(6, scalar), Tuple.of(1, list), Tuple.of(1, mapping));
    }

    /** The top-level keys, {@code apis} (required) and "" (the root), or null when the YAML cannot be read. */
    private static Set<String> topLevelKeys(String yaml) {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            return null;
        }
        Set<String> keys = new TreeSet<>(List.of("apis", ""));
        if (tree != null && tree.isObject()) {
            keys.addAll(tree.propertyNames());
        }
        return keys;
    }
}
