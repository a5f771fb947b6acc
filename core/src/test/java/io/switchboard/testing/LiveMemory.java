package io.switchboard.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.lang.management.ManagementFactory;

/**
 * What the gateway in this JVM holds: the heap left after full collections, plus what Netty's default allocator has
 * handed out (pooled buffers live outside the collector's reach). Exhaustion tests compare it before, during and
 * after an attack, never against absolute figures of one machine.
 */
public final class LiveMemory {
    private static final long MB = 1024 * 1024;

    private LiveMemory() {
    }

    /** Bytes in use after garbage collection, heap and Netty buffers together. */
    public static long used() {
        long heap = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the smallest of three: what is really alive, not what a collection missed
            System.gc();
            heap = Math.min(heap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return heap + buffers();
    }

    /** Bytes of buffers Netty's default allocator has handed out and not got back. */
    public static long buffers() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            return metric.usedDirectMemory() + metric.usedHeapMemory();
        }
        return 0;
    }

    /** A size in megabytes, for messages. */
    public static String mb(long bytes) {
        return String.format("%.1f MB", bytes / (double) MB);
    }
}
