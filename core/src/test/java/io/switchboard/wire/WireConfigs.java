package io.switchboard.wire;

/** The gateways of the suite, as YAML. */
final class WireConfigs {

    private WireConfigs() {
    }

    /** {@code $default} echoes the message text exactly (the mock's {@code $input.body}). */
    static final String MOCK_ECHO =
            "{integration: {type: mock, response-template: '$input.body'}, route-response: true}";

    /**
     * The WebSocket APIs shared by the handshake, frame, UTF-8 and limit areas:
     * <ul>
     *   <li>{@code echo}: text only, small explicit limits (4 KB frames, 16 KB messages) so boundaries are cheap;</li>
     *   <li>{@code aws}: AWS's defaults (32 KB frames, 128 KB messages);</li>
     *   <li>{@code bin}: accepts binary, echoed as binary; 80 KB frames so 16-bit and 64-bit lengths both fit;</li>
     *   <li>{@code probe}: answers every message with the headers its {@code $connect} saw.</li>
     * </ul>
     */
    static final String APIS = """
            apis:
              - name: echo
                stage: echo
                limits: {frame-bytes: 4KB, message-bytes: 16KB}
                routes:
                  $default: %1$s
              - name: aws
                stage: aws
                routes:
                  $default: %1$s
              - name: bin
                stage: bin
                accept-binary: true
                limits: {frame-bytes: 80KB, message-bytes: 160KB}
                routes:
                  $default: {integration: {type: function, handler: io.switchboard.wire.WireEchoHandler}, route-response: true}
              - name: probe
                stage: probe
                routes:
                  $connect: {integration: {type: function, handler: io.switchboard.wire.ConnectHeadersHandler}}
                  $disconnect: {integration: {type: function, handler: io.switchboard.wire.ConnectHeadersHandler}}
                  $default: {integration: {type: function, handler: io.switchboard.wire.ConnectHeadersHandler}, route-response: true}
            """.formatted(MOCK_ECHO);

    /** Small HTTP limits, a short handshake timeout and one allowed browser origin. */
    static final String SERVER = """
            server:
              handshake-timeout: 500ms
              max-initial-line: 1KB
              max-header-size: 2KB
              allowed-origins: ["https://app.example.com"]
            """;

    static final String WEBSOCKET = SERVER + APIS;
}
