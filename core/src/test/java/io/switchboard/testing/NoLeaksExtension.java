package io.switchboard.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when a Netty buffer it used was never released. Netty reports a leak when the leaked buffer is
 * garbage-collected and a later allocation is tracked, so after each class this collects garbage and allocates
 * enough buffers for the detector to look. Registered for every test through the service file and
 * {@code junit-platform.properties}.
 */
public final class NoLeaksExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 2048; i++) { // the detector samples allocations; one in 128 looks for leaks
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        List<String> leaks = LeakAlarm.take();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) after " + context.getDisplayName()
                    + ":\n" + String.join("\n\n", leaks));
        }
    }
}
