package io.switchboard.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A whole Switchboard configuration: the listener and the APIs it serves. */
public record SwitchboardConfig(ServerConfig server, List<ApiConfig> apis) {

    /** Paths the server answers itself; no stage may take them. */
    public static final Set<String> RESERVED_PATHS = Set.of("healthz", "metrics");

    static SwitchboardConfig read(ConfigNode n) {
        ServerConfig server = n.section("server", ServerConfig::read);
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
        return new SwitchboardConfig(server, apis);
    }

    /** A copy with another listener configuration (command-line overrides). */
    public SwitchboardConfig withServer(ServerConfig newServer) {
        return new SwitchboardConfig(newServer, apis);
    }
}
