package io.switchboard.wire;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * A table of wire cases against the echo gateway of {@link WireConfigs#WEBSOCKET}, one gateway per table: the
 * handshake, frames, UTF-8 and limits areas differ only in their cases.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EchoWireTable {
    private WireGateway gateway;

    /** The area's name in the report, such as {@code 2-frames}. */
    abstract String area();

    /** The area's cases. */
    abstract List<WireCase> table();

    @BeforeAll
    void start() {
        gateway = WireGateway.start(WireConfigs.WEBSOCKET, "echo");
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @TestFactory
    Stream<DynamicTest> wire() {
        return WireRun.tests(area(), gateway, table());
    }
}
