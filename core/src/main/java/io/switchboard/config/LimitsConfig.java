package io.switchboard.config;

import java.time.Duration;

/**
 * The limits of one API's connections. The defaults are AWS's.
 *
 * @param frameBytes            largest frame a client may send (AWS: 32 KB); larger closes with 1009
 * @param messageBytes          largest message after reassembling fragments (AWS: 128 KB); larger closes with 1009
 * @param idleTimeout           a connection with no data frame either way for this long closes with 1001 (AWS: 10 min)
 * @param maxConnectionDuration a connection open this long closes with 1001 (AWS: 2 h)
 * @param pendingMessages       messages of one connection waiting for their integration before the gateway stops
 *                              reading from that connection (TCP back-pressure instead of memory growth)
 * @param outboundBytes         bytes waiting to be written to one client (beyond what the kernel holds) before the
 *                              client counts as not reading: it is closed with 1008 rather than let memory grow
 */
public record LimitsConfig(
        int frameBytes,
        int messageBytes,
        Duration idleTimeout,
        Duration maxConnectionDuration,
        int pendingMessages,
        int outboundBytes) {

    /** AWS's limits. */
    public static final LimitsConfig DEFAULTS = new LimitsConfig(32 * 1024, 128 * 1024, Duration.ofMinutes(10),
            Duration.ofHours(2), 64, 1024 * 1024);

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
        return new LimitsConfig(frameBytes, Math.max(messageBytes, frameBytes), idle, max, pending, outbound);
    }
}
