package io.switchboard.examples.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Headless Chromium (Debian's {@code /usr/bin/chromium}, never a downloaded build) driven by Playwright, for the
 * example pages' tests. One per test class: {@code @BeforeAll chromium = Chromium.launch();}.
 *
 * <p>Cameras and microphones are Chromium's fake devices (a moving test pattern and a beep), permission prompts are
 * answered yes, and nothing reaches the network besides the server under test: no QUIC, sync, component updates or
 * background requests. WebRTC uses loopback addresses only: Chromium is allowed to gather 127.0.0.1 candidates, and
 * {@link #LOOPBACK_ICE} drops every other candidate before a page sees or uses it, so calls never leave this machine.
 */
public final class Chromium implements AutoCloseable {
    /** The browser binary: {@code -Dswitchboard.chromium=…} or Debian's. */
    public static final Path EXECUTABLE = Path.of(System.getProperty("switchboard.chromium", "/usr/bin/chromium"));
    /** Where screenshots go: {@code examples/target/screenshots}. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static final List<String> ARGUMENTS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream", "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns");

    /**
     * Keeps WebRTC on 127.0.0.1: ICE candidates (gathered, received, and inside session descriptions) with any other
     * address are dropped, so a page connects its peers over loopback only.
     */
    static final String LOOPBACK_ICE = """
            (() => {
              const loopback = c => !c || !c.candidate || / 127\\.0\\.0\\.1 /.test(c.candidate);
              const keep = sdp => sdp && sdp.split("\\r\\n").filter(line =>
                  !line.startsWith("a=candidate:") || / 127\\.0\\.0\\.1 /.test(line)).join("\\r\\n");
              const Native = window.RTCPeerConnection;
              if (!Native) return;
              const add = Native.prototype.addIceCandidate;
              Native.prototype.addIceCandidate = function (candidate, ...rest) {
                return loopback(candidate) ? add.call(this, candidate, ...rest) : Promise.resolve();
              };
              const setRemote = Native.prototype.setRemoteDescription;
              Native.prototype.setRemoteDescription = function (description, ...rest) {
                const d = description && description.sdp ? {type: description.type, sdp: keep(description.sdp)} : description;
                return setRemote.call(this, d, ...rest);
              };
              const listen = Native.prototype.addEventListener;
              Native.prototype.addEventListener = function (type, listener, ...rest) {
                if (type !== "icecandidate" || typeof listener !== "function") return listen.call(this, type, listener, ...rest);
                return listen.call(this, type, e => { if (loopback(e.candidate)) listener.call(this, e); }, ...rest);
              };
              const descriptor = Object.getOwnPropertyDescriptor(Native.prototype, "onicecandidate");
              Object.defineProperty(Native.prototype, "onicecandidate", {
                configurable: true,
                get() { return descriptor.get.call(this); },
                set(listener) {
                  descriptor.set.call(this, typeof listener !== "function" ? listener
                      : e => { if (loopback(e.candidate)) listener.call(this, e); });
                }
              });
            })();
            """;

    private final Playwright playwright;
    private final Browser browser;
    private final List<String> pageErrors = Collections.synchronizedList(new ArrayList<>());
    private final List<BrowserContext> contexts = new ArrayList<>();

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Starts the browser; fails with what to install when there is none. */
    public static Chromium launch() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException("the browser tests need Chromium at " + EXECUTABLE
                    + ": apt-get install chromium (.ci/run does), or -Dswitchboard.chromium=/path/to/chromium");
        }
        // A loaded CI machine may take a while to render; waiting is free when the page is quick.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGUMENTS));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new window with its own cookies and storage (a second person), laptop-sized. */
    public Page open(String url) {
        return open(url, 1280, 800);
    }

    /** A new window of the given size, showing {@code url}. */
    public Page open(String url, int width, int height) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setPermissions(List.of("camera", "microphone")));
        contexts.add(context);
        context.addInitScript(LOOPBACK_ICE);
        context.setDefaultTimeout(20_000);
        Page page = context.newPage();
        page.onPageError(error -> pageErrors.add(url + ": " + error));
        page.onConsoleMessage(message -> {
            // "Failed to load resource" is Chromium noting an HTTP error status, which some tests cause on purpose.
            if (message.type().equals("error") && !message.text().startsWith("Failed to load resource")) {
                pageErrors.add(url + ": console: " + message.text());
            }
        });
        page.navigate(url);
        return page;
    }

    /** Closes every window opened so far (their connections close, as when a person closes the tab). */
    public void closeWindows() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** Uncaught errors and console errors of every page so far (a test that expects none asserts it is empty). */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** Saves a screenshot of the page as {@code target/screenshots/{name}.png} and returns its path. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file));
        return file;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
