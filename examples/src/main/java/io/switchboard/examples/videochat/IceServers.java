package io.switchboard.examples.videochat;

import io.switchboard.handler.RouteEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ICE servers browsers use to reach each other, from the API's stage variables, for the {@code iceServers} of
 * {@code RTCPeerConnection}:
 * <ul>
 *   <li>{@code iceUrls}: comma-separated {@code stun:}, {@code turn:} and {@code turns:} URLs;</li>
 *   <li>{@code iceUsername} and {@code iceCredential}: the TURN servers' credentials.</li>
 * </ul>
 * None by default: browsers on one machine or one network find each other with their own addresses, so
 * {@code http://localhost} works without any server; calls across networks need a TURN server.
 */
public final class IceServers {

    private IceServers() {
    }

    /** The {@code RTCIceServer} list of the event's stage, as JSON-ready maps. */
    public static List<Map<String, Object>> of(RouteEvent event) {
        Map<String, String> variables = event.stageVariables();
        List<String> urls = Arrays.stream(variables.getOrDefault("iceUrls", "").split(","))
                .map(String::trim)
                .filter(url -> url.startsWith("stun:") || url.startsWith("turn:") || url.startsWith("turns:"))
                .toList();
        List<String> stun = urls.stream().filter(url -> url.startsWith("stun:")).toList();
        List<String> turn = urls.stream().filter(url -> !url.startsWith("stun:")).toList();
        List<Map<String, Object>> servers = new ArrayList<>();
        if (!stun.isEmpty()) {
            servers.add(Map.of("urls", stun));
        }
        if (!turn.isEmpty()) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("urls", turn);
            server.put("username", variables.getOrDefault("iceUsername", ""));
            server.put("credential", variables.getOrDefault("iceCredential", ""));
            servers.add(server);
        }
        return List.copyOf(servers);
    }
}
