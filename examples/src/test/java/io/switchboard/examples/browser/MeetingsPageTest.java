package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.switchboard.examples.meetings.NameAuthorizer;
import io.switchboard.json.Json;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Seed 000 in the browser: a host creates a meeting, a guest joins with the code and is let in, chat reaches both in
 * order with names and times; a rejected guest is told; a video meeting connects its call. The display name is
 * checked by a REQUEST authorizer on {@code $connect} and reaches the handlers in the authorizer context.
 */
class MeetingsPageTest extends BrowserTest {

    private static Page host(String name, String kind) {
        Page page = chromium.open(server.url("/apps/meetings/"));
        page.locator("#host-name").fill(name);
        page.locator("input[name=kind][value=" + kind + "]").check();
        page.locator("#create").click();
        PlaywrightAssertions.assertThat(page.locator("#meeting-code"))
                .hasText(Pattern.compile("^[a-z2-9]{3}-[a-z2-9]{4}-[a-z2-9]{3}$"));
        return page;
    }

    private static Page ask(String name, String code) {
        Page page = chromium.open(server.url("/apps/meetings/?code=" + code));
        PlaywrightAssertions.assertThat(page.locator("#code")).hasValue(code);
        page.locator("#guest-name").fill(name);
        page.locator("#join").click();
        PlaywrightAssertions.assertThat(page.locator("#waiting")).isVisible();
        return page;
    }

    private static void decide(Page host, String name, boolean accept) {
        Locator request = host.locator("#requests li", new Page.LocatorOptions().setHasText(name));
        request.locator("button", new Locator.LocatorOptions().setHasText(accept ? "Accept" : "Reject")).click();
    }

    private static void say(Page page, String text) {
        page.locator("#chat-text").fill(text);
        page.locator("#chat-send").click();
    }

    @Test
    void aGuestIsLetInAndChatReachesBothInOrder() {
        Page alice = host("Alice", "chat");
        String code = alice.locator("#meeting-code").textContent();
        assertThat(code).doesNotContain("=");
        Page bob = ask("Bob", code);
        decide(alice, "Bob", true);
        PlaywrightAssertions.assertThat(bob.locator("#meeting")).isVisible();
        for (Page page : new Page[] {alice, bob}) {
            PlaywrightAssertions.assertThat(page.locator("#participants li .name"))
                    .containsText(new String[] {"Alice", "Bob"});
        }
        say(alice, "Hello Bob");
        PlaywrightAssertions.assertThat(bob.locator("#chat .msg:not(.system) .text")).hasText(new String[] {"Hello Bob"});
        say(bob, "Hi Alice!");
        say(alice, "Welcome");
        for (Page page : new Page[] {alice, bob}) {
            Locator messages = page.locator("#chat .msg:not(.system)");
            PlaywrightAssertions.assertThat(messages.locator(".text"))
                    .hasText(new String[] {"Hello Bob", "Hi Alice!", "Welcome"});
            PlaywrightAssertions.assertThat(messages.locator(".who")).hasText(new String[] {"Alice", "Bob", "Alice"});
            PlaywrightAssertions.assertThat(messages.locator("time").first()).hasAttribute("datetime",
                    Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT"));
        }
        Chromium.screenshot(alice, "meetings-host");

        Page mallory = ask("Mallory", code);
        PlaywrightAssertions.assertThat(alice.locator("#requests li")).containsText("Mallory");
        Chromium.screenshot(alice, "meetings-request");
        decide(alice, "Mallory", false);
        PlaywrightAssertions.assertThat(mallory.locator("#ended-title")).hasText("The host did not let you in");
        PlaywrightAssertions.assertThat(alice.locator("#participants li")).hasCount(2);

        bob.locator("#leave").click();
        PlaywrightAssertions.assertThat(alice.locator("#participants li")).hasCount(1);
        PlaywrightAssertions.assertThat(alice.locator("#chat")).containsText("Bob left.");
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void aWrongCodeIsExplainedAndTheHostLeavingEndsTheMeeting() {
        Page lost = chromium.open(server.url("/apps/meetings/"));
        lost.locator("#guest-name").fill("Lost");
        lost.locator("#code").fill("nop-nope-nop");
        lost.locator("#join").click();
        PlaywrightAssertions.assertThat(lost.locator("#notice")).containsText("no meeting with the code");
        PlaywrightAssertions.assertThat(lost.locator("#start")).isVisible();

        Page host = host("Hana", "chat");
        Page guest = ask("Gus", host.locator("#meeting-code").textContent());
        decide(host, "Gus", true);
        PlaywrightAssertions.assertThat(guest.locator("#meeting")).isVisible();
        host.locator("#leave").click();
        PlaywrightAssertions.assertThat(guest.locator("#ended-title")).hasText("The meeting has ended");
    }

    @Test
    void theNameAuthorizerRefusesConnectionsWithoutAUsableName() throws Exception {
        ListAppender<ILoggingEvent> authorizerLog = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(NameAuthorizer.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);
        authorizerLog.start();
        logger.addAppender(authorizerLog);
        try {
            String upgrade = "GET /meetings%s HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            // No name, or a blank one: the gateway answers 401 without calling the authorizer.
            for (String query : new String[] {"", "?name=", "?name=%20%20", "?other=Ann"}) {
                assertThat(RawWebSocket.httpExchange(server.server().port(), upgrade.formatted(query)))
                        .as(query).startsWith("HTTP/1.1 401");
            }
            assertThat(authorizerLog.list).isEmpty();
            // A name the authorizer refuses: 401 from the authorizer itself ("Unauthorized").
            assertThat(RawWebSocket.httpExchange(server.server().port(), upgrade.formatted("?name=" + "x".repeat(41))))
                    .startsWith("HTTP/1.1 401");
            assertThat(authorizerLog.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .startsWith("refused a display name").doesNotContain("xxxx");
            assertThat(RawWebSocket.httpExchange(server.server().port(), upgrade.formatted("?name=Ann")))
                    .startsWith("HTTP/1.1 101");
        } finally {
            logger.detachAppender(authorizerLog);
            logger.setLevel(level);
        }
    }

    @Test
    void theNameReachesTheHandlersThroughTheAuthorizerContext() throws Exception {
        URI asZoe = URI.create(server.webSocket("meetings") + "?name=" + URLEncoder.encode("  Zoë Ñ  ",
                StandardCharsets.UTF_8));
        try (TestWsClient zoe = TestWsClient.connect(asZoe)) {
            zoe.send("{\"action\":\"createMeeting\",\"kind\":\"chat\"}");
            JsonNode created = Json.MAPPER.readTree(zoe.next());
            assertThat(created.get("type").asString()).isEqualTo("created");
            assertThat(created.get("participants").get(0).get("name").asString()).isEqualTo("Zoë Ñ");
        }
    }

    @Test
    void aVideoMeetingConnectsTheCall() {
        Page host = host("Vera", "video");
        Page guest = ask("Vic", host.locator("#meeting-code").textContent());
        decide(host, "Vic", true);
        for (Page page : new Page[] {host, guest}) {
            PlaywrightAssertions.assertThat(page.locator(".tile.remote[data-state=connected]")).hasCount(1);
            page.waitForFunction("() => [...document.querySelectorAll('.tile.remote video')]"
                    + ".some(v => v.videoWidth > 0)");
        }
        PlaywrightAssertions.assertThat(host.locator(".tile.remote .label")).containsText("Vic");
        say(guest, "Can you see me?");
        PlaywrightAssertions.assertThat(host.locator("#chat")).containsText("Can you see me?");
        Chromium.screenshot(host, "meetings-video");
        assertThat(chromium.pageErrors()).isEmpty();
    }
}
