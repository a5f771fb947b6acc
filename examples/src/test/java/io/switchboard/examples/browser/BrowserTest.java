package io.switchboard.examples.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** A browser test class: the example server and one Chromium, shared by the class's tests. */
abstract class BrowserTest {
    protected static ExampleServer server;
    protected static Chromium chromium;

    @BeforeAll
    static void startServerAndBrowser() {
        server = ExampleServer.start();
        chromium = Chromium.launch();
    }

    @AfterEach
    void closeWindows() {
        chromium.closeWindows();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }
}
