package io.switchboard.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The limits of one API's connections. The defaults are AWS's, plus the protections AWS leaves to its own network:
 * server pings that find peers gone without a word, and a deadline for completing a fragmented message.
 *
 * @param frameBytes               largest frame a client may send (AWS: 32 KB); larger closes with 1009
 * @param messageBytes             largest message after reassembling fragments (AWS: 128 KB); larger closes with 1009
 * @param idleTimeout              a connection with no data frame either way for this long closes with 1001 (AWS:
 *                                 10 min)
 * @param maxConnectionDuration    a connection open this long closes with 1001 (AWS: 2 h)
 * @param pendingMessages          messages of one connection waiting for their integration before the gateway stops
 *                                 reading from that connection (TCP back-pressure instead of memory growth)
 * @param outboundBytes            bytes waiting to be written to one client (beyond what the kernel holds) before the
 *                                 client counts as not reading: it is closed with 1008 rather than let memory grow
 * @param pingInterval             how often the server pings a connection; empty means never (then a peer that
 *                                 vanishes without closing stays until the idle timeout)
 * @param pongTimeout              how long after a ping the peer has to send anything at all before it counts as
 *                                 gone and is closed with 1001 "Ping timeout"
 * @param incompleteMessageTimeout how long a fragmented message may stay unfinished before it is dropped and the
 *                                 connection closed with 1008
 */
public record LimitsConfig(
        int frameBytes,
        int messageBytes,
        Duration idleTimeout,
        Duration maxConnectionDuration,
        int pendingMessages,
        int outboundBytes,
        Optional<Duration> pingInterval,
        Duration pongTimeout,
        Duration incompleteMessageTimeout) {

    /** AWS's limits, with pings every 30 s answered within 10 s, and 10 s to finish a fragmented message. */
    public static final LimitsConfig DEFAULTS = new LimitsConfig(32 * 1024, 128 * 1024, Duration.ofMinutes(10),
            Duration.ofHours(2), 64, 1024 * 1024, Optional.of(Duration.ofSeconds(30)), Duration.ofSeconds(10),
            Duration.ofSeconds(10));

    static LimitsConfig read(ConfigNode n) {
        int frameBytes = n.size("frame-bytes", DEFAULTS.frameBytes, 125, 16 * 1024 * 1024);
        int messageBytes = n.size("message-bytes", DEFAULTS.messageBytes, 125, 64 * 1024 * 1024);
        if (messageBytes < frameBytes) {
            n.problem("message-bytes", "must be at least frame-bytes (" + frameBytes + ")");
        }
        Duration idle = n.duration("idle-timeout", DEFAULTS.idleTimeout, Duration.ofMillis(100), Duration.ofDays(7));
        Duration max = n.duration("max-connection-duration", DEFAULTS.maxConnectionDuration, Duration.ofMillis(100),
                Duration.ofDays(365));
        int pending = n.integer("pending-messages", DEFAULTS.pendingMessages, 1, 100_000);
        int outbound = n.size("outbound-bytes", DEFAULTS.outboundBytes, 1024, 1024 * 1024 * 1024);
        Duration ping = n.duration("ping-interval", DEFAULTS.pingInterval.orElseThrow(), Duration.ZERO,
                Duration.ofHours(1));
        if (!ping.isZero() && ping.compareTo(Duration.ofMillis(100)) < 0) {
            n.problem("ping-interval", "must be 0s (no pings) or at least 100ms, not " + Units.format(ping));
        }
        Duration pong = n.duration("pong-timeout", DEFAULTS.pongTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        Duration incomplete = n.duration("incomplete-message-timeout", DEFAULTS.incompleteMessageTimeout,
                Duration.ofMillis(100), Duration.ofHours(1));
        return new LimitsConfig(frameBytes, Math.max(messageBytes, frameBytes), idle, max, pending, outbound,
                ping.isZero() ? Optional.empty() : Optional.of(ping), pong, incomplete);
    }
}
