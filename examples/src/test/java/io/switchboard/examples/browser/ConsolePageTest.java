package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Seed 003's console in the browser: people sign in with the development issuer, see each other come and go, and a
 * message published to the topic or sent to the queue reaches exactly the pages its push mode names.
 */
class ConsolePageTest extends BrowserTest {

    private static Page signIn(String name) {
        return signIn(chromium.open(server.url("/apps/console/")), name);
    }

    private static Page signIn(Page page, String name) {
        page.locator("#name").fill(name);
        page.locator("#sign-in").click();
        PlaywrightAssertions.assertThat(page.locator("#status")).hasText("Connected");
        PlaywrightAssertions.assertThat(page.locator("#who")).hasText(name);
        return page;
    }

    private static Locator messages(Page page) {
        return page.locator("#log .msg[data-type=message] .text");
    }

    private static Locator logEntry(Page page, String text) {
        return page.locator("#log .msg", new Page.LocatorOptions().setHasText(text));
    }

    /** Writes a message in a push mode and publishes it (topic) or sends it (queue). */
    private static void deliver(Page page, String route, String mode, String text) {
        page.locator("input[name=mode][value=" + mode + "]").check();
        page.locator("#text").fill(text);
        page.locator("#" + route).click();
        PlaywrightAssertions.assertThat(page.locator("#message-notice"))
                .containsText(route.equals("publish") ? "Published to the messages topic" : "Sent to the messages queue");
    }

    private static void arrives(String text, Page... pages) {
        Arrays.stream(pages).forEach(page -> PlaywrightAssertions.assertThat(logEntry(page, text)).hasCount(1));
    }

    @Test
    void presenceAndEveryPushModeReachExactlyTheIntendedPages() {
        Page alice = signIn(chromium.open(server.url("/apps/console/"), 1280, 960), "alice");
        PlaywrightAssertions.assertThat(alice.locator("#users-empty")).isVisible();
        Page bob = signIn("bob");
        PlaywrightAssertions.assertThat(alice.locator("#users li")).hasText(new String[] {"bob"});
        PlaywrightAssertions.assertThat(bob.locator("#users li")).hasText(new String[] {"alice"});
        PlaywrightAssertions.assertThat(logEntry(alice, "bob is ONLINE")).hasCount(1);
        Page carol = signIn("carol");
        for (Page page : new Page[] {alice, bob}) {
            PlaywrightAssertions.assertThat(logEntry(page, "carol is ONLINE")).hasCount(1);
        }
        PlaywrightAssertions.assertThat(alice.locator("#users li")).hasText(new String[] {"bob", "carol"});
        PlaywrightAssertions.assertThat(carol.locator("#users li")).hasText(new String[] {"alice", "bob"});
        PlaywrightAssertions.assertThat(carol.locator("#user-count")).hasText("2");

        for (String route : new String[] {"publish", "send"}) {
            deliver(alice, route, "UNICAST", "unicast by " + route);
            arrives("unicast by " + route, alice);
            alice.locator("input[name=mode][value=MULTICAST]").check();
            alice.locator("#users li[data-user=bob] input").check();
            deliver(alice, route, "MULTICAST", "multicast by " + route);
            arrives("multicast by " + route, bob);
            alice.locator("#users li[data-user=bob] input").uncheck();
            deliver(alice, route, "BROADCAST", "broadcast by " + route);
            arrives("broadcast by " + route, bob, carol);
        }
        PlaywrightAssertions.assertThat(messages(alice))
                .hasText(new String[] {"unicast by publish", "unicast by send"});
        PlaywrightAssertions.assertThat(messages(bob)).hasText(new String[] {"multicast by publish",
            "broadcast by publish", "multicast by send", "broadcast by send"});
        PlaywrightAssertions.assertThat(messages(carol))
                .hasText(new String[] {"broadcast by publish", "broadcast by send"});
        PlaywrightAssertions.assertThat(bob.locator("#log .msg[data-type=message] .who").first()).hasText("alice");

        alice.locator("#ping").click();
        PlaywrightAssertions.assertThat(alice.locator("#log .msg.pong")).hasCount(1);
        PlaywrightAssertions.assertThat(alice.locator("#connection-hint")).containsText("Last pong at");

        carol.context().close();
        for (Page page : new Page[] {alice, bob}) {
            PlaywrightAssertions.assertThat(logEntry(page, "carol is OFFLINE")).hasCount(1);
            PlaywrightAssertions.assertThat(page.locator("#users li[data-user=carol]")).hasCount(0);
        }
        bob.locator("input[name=mode][value=MULTICAST]").check();
        bob.locator("#users li[data-user=alice] input").check();
        deliver(bob, "send", "MULTICAST", "Hi Alice, this went through the queue");
        arrives("Hi Alice, this went through the queue", alice);
        Chromium.screenshot(alice, "console");
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void disconnectingAndConnectingAgainIsSeenByTheOthers() {
        Page dora = signIn(chromium.open(server.url("/apps/console/"), 390, 844), "dora"); // on a phone
        Page eve = signIn("eve");
        PlaywrightAssertions.assertThat(dora.locator("#users li")).hasText(new String[] {"eve"});
        eve.locator("#disconnect").click();
        PlaywrightAssertions.assertThat(eve.locator("#status")).hasText("Disconnected");
        PlaywrightAssertions.assertThat(eve.locator("#publish")).isDisabled();
        PlaywrightAssertions.assertThat(logEntry(dora, "eve is OFFLINE")).hasCount(1);
        PlaywrightAssertions.assertThat(dora.locator("#users-empty")).isVisible();
        eve.locator("#connect").click();
        PlaywrightAssertions.assertThat(eve.locator("#status")).hasText("Connected");
        PlaywrightAssertions.assertThat(logEntry(dora, "eve is ONLINE")).hasCount(2);
        PlaywrightAssertions.assertThat(eve.locator("#users li")).hasText(new String[] {"dora"});
        Chromium.screenshot(dora, "console-phone");

        eve.locator("input[name=mode][value=MULTICAST]").check();
        eve.locator("#text").fill("to nobody");
        eve.locator("#send").click();
        PlaywrightAssertions.assertThat(eve.locator("#message-notice")).containsText("tick at least one user");

        eve.reload();
        PlaywrightAssertions.assertThat(eve.locator("#status")).hasText("Connected");
        PlaywrightAssertions.assertThat(eve.locator("#who")).hasText("eve");
        eve.locator("#sign-out").click();
        PlaywrightAssertions.assertThat(eve.locator("#sign-in-view")).isVisible();
        PlaywrightAssertions.assertThat(dora.locator("#log .msg.presence .text").last()).hasText("eve is OFFLINE");
        PlaywrightAssertions.assertThat(dora.locator("#users li[data-user=eve]")).hasCount(0);

        eve.locator("#name").fill("eve smith");
        eve.locator("#sign-in").click();
        PlaywrightAssertions.assertThat(eve.locator("#sign-in-notice")).containsText("no spaces");
        assertThat(chromium.pageErrors()).isEmpty();
    }
}
