package io.switchboard.redis;

import java.util.UUID;

/** A key prefix of a test's own, so that tests sharing one Redis never see one another's keys. */
final class TestPrefixes {
    private TestPrefixes() {
    }

    static String fresh() {
        return "test-" + UUID.randomUUID() + ":";
    }
}
