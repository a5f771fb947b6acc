package io.switchboard.wire;

/**
 * One wire-level case: what it sends, what it expects, and the body that does both against a shared gateway. The
 * test report shows {@link #displayName()}; a failure adds what was sent and what came back.
 *
 * @param name    what the case checks, in words
 * @param sends   what goes on the wire
 * @param expects what must come back, within the deadlines of {@link WireSocket}
 * @param body    sends and asserts; sockets it opens through the context are checked for leaks afterwards
 */
record WireCase(String name, String sends, String expects, Body body) {

    @FunctionalInterface
    interface Body {
        void run(WireContext wire) throws Exception;
    }

    String displayName() {
        return name + " → " + expects;
    }
}
