/**
 * The wire-level robustness suite: raw sockets and hand-made frames against a real gateway on 127.0.0.1.
 *
 * <p>Six areas, each a table of {@link io.switchboard.wire.WireCase}s run as dynamic tests against one gateway per
 * class: {@code HandshakeWireTest} (raw HTTP upgrades, RFC 6455 §4 and RFC 9110/9112), {@code FramesWireTest}
 * (RFC 6455 §5 and §7, Autobahn sections 1–5 and 7), {@code Utf8WireTest} (Autobahn section 6),
 * {@code LimitsWireTest} (frame and message limits at each boundary), {@code AppInputWireTest} (route selection over
 * odd JSON) and {@code ManagementWireTest} (the management API's HTTP input and its authentication).
 *
 * <p>Every case has deadlines (an answer within 5 s, the end of TCP within 7 s of a close frame; "close X" means a
 * close frame with code X and then the end of TCP, so 1006 fails) and is followed by a health check: a new
 * connection gets its echo, {@code GET /healthz} answers 200, and the case's own connections are gone from the
 * gateway. Cases run 8 at a time ({@code -Dwire.parallel=1} runs them one by one and then also requires the
 * {@code /healthz} connection count back at its baseline after each case). Each area writes
 * {@code core/target/wire-report/<area>.txt}, every case with PASS or FAIL and, for failures, what was sent, what
 * was expected and what came back.
 *
 * <p>Run only the suite: {@code ./mvnw -q -pl core test -Dtest='io.switchboard.wire.**'
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
package io.switchboard.wire;
