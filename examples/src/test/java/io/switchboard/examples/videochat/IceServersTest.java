package io.switchboard.examples.videochat;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.EventType;
import io.switchboard.handler.RouteEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ICE servers come from stage variables; none configured means none (the localhost case). */
class IceServersTest {

    private static RouteEvent event(Map<String, String> stageVariables) {
        ConnectionInfo connection = new ConnectionInfo("id", 0, "127.0.0.1", Optional.empty(), "videochat",
                "videochat", "localhost", Map.of());
        return RouteEvent.builder(EventType.MESSAGE, "joinRoom", connection).requestId("r")
                .stageVariables(stageVariables).build();
    }

    @Test
    void noneByDefault() {
        assertThat(IceServers.of(event(Map.of()))).isEmpty();
    }

    @Test
    void stunAndTurnUrlsWithTheTurnCredentials() {
        assertThat(IceServers.of(event(Map.of(
                "iceUrls", "stun:stun.example.org:3478, turn:turn.example.org:3478?transport=udp,http://nope",
                "iceUsername", "alice", "iceCredential", "s3cret"))))
                .containsExactly(Map.of("urls", List.of("stun:stun.example.org:3478")),
                        Map.of("urls", List.of("turn:turn.example.org:3478?transport=udp"),
                                "username", "alice", "credential", "s3cret"));
    }
}
