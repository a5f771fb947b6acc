package io.switchboard.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A whole Switchboard configuration.
 *
 * @param server     the listener and process-wide resources
 * @param engine     where shared state lives
 * @param management who may call the management API
 * @param apis       the WebSocket APIs, one per stage
 * @param devIssuer  the development token issuer (off by default)
 */
public record SwitchboardConfig(ServerConfig server, EngineConfig engine, ManagementConfig management,
                                List<ApiConfig> apis, DevIssuerConfig devIssuer) {

    /** Paths the server answers itself; no stage may take them. */
    public static final Set<String> RESERVED_PATHS = Set.of("healthz", "readyz", "metrics");

    static SwitchboardConfig read(ConfigNode n) {
        ServerConfig server = n.section("server", ServerConfig::read);
        EngineConfig engine = n.section("engine", EngineConfig::read);
        ManagementConfig management = n.section("management", ManagementConfig::read);
        List<ApiConfig> apis = n.requiredList("apis", ApiConfig::read);
        Set<String> names = new HashSet<>();
        Set<String> stages = new HashSet<>();
        for (int i = 0; i < apis.size(); i++) {
            ApiConfig api = apis.get(i);
            if (!api.name().isEmpty() && !names.add(api.name())) {
                n.problem("apis[" + i + "].name", "'" + api.name() + "' is already the name of another API");
            }
            if (!api.stage().isEmpty() && !stages.add(api.stage())) {
                n.problem("apis[" + i + "].stage", "'" + api.stage() + "' is already served by another API");
            }
            if (RESERVED_PATHS.contains(api.stage())) {
                n.problem("apis[" + i + "].stage", "'" + api.stage() + "' is reserved for the server's own endpoint");
            }
        }
        DevIssuerConfig devIssuer = n.section("dev-issuer", DevIssuerConfig::read);
        return new SwitchboardConfig(server, engine, management, apis, devIssuer);
    }

    /** A copy with another listener configuration (command-line overrides). */
    public SwitchboardConfig withServer(ServerConfig newServer) {
        return new SwitchboardConfig(newServer, engine, management, apis, devIssuer);
    }

    /** A copy with another engine (the command line's {@code --engine}). */
    public SwitchboardConfig withEngine(EngineConfig newEngine) {
        return new SwitchboardConfig(server, newEngine, management, apis, devIssuer);
    }

    /** A copy with another development issuer configuration (its key file, in tests). */
    public SwitchboardConfig withDevIssuer(DevIssuerConfig newDevIssuer) {
        return new SwitchboardConfig(server, engine, management, apis, newDevIssuer);
    }
}
