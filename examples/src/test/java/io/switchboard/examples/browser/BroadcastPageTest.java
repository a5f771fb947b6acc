package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 in the browser: the REST call reaches every open page, refused calls reach none, and keyed messages reach
 * the other pages only.
 */
class BroadcastPageTest extends BrowserTest {
    private static final String KEY = "local-demo-key";

    private static HttpResponse<String> receiver(String query, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/broadcast/receiver" + query)));
        if (key != null) {
            request.header("x-api-key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Page openListening() {
        Page page = chromium.open(server.url("/apps/broadcast/"));
        PlaywrightAssertions.assertThat(page.locator("#me")).containsText("you are Tab");
        return page;
    }

    @Test
    void theRestCallReachesEveryPageAndRefusedCallsReachNone() throws Exception {
        Page first = openListening();
        Page second = openListening();

        assertThat(receiver("?progId=42", "wrong-key").statusCode()).isEqualTo(403);
        assertThat(receiver("?progId=42", null).statusCode()).isEqualTo(403);
        for (String bad : new String[] {"?progId=0", "?progId=-3", "?progId=abc", "?progId=1.5", ""}) {
            HttpResponse<String> refused = receiver(bad, KEY);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("positive whole number");
        }
        HttpResponse<String> ok = receiver("?progId=42", KEY);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"progId\":42,\"delivered\":2}");
        for (Page page : new Page[] {first, second}) {
            PlaywrightAssertions.assertThat(page.locator("#program")).hasText("42");
            PlaywrightAssertions.assertThat(page.locator("#log .msg")).hasCount(1); // the refused calls left no trace
        }

        first.locator("#key").fill("nope");
        first.locator("#prog-id").fill("7");
        first.locator("#call").click();
        PlaywrightAssertions.assertThat(first.locator("#rest-notice")).containsText("403");
        first.locator("#key").fill(KEY);
        first.locator("#prog-id").fill("seven");
        first.locator("#call").click();
        PlaywrightAssertions.assertThat(first.locator("#rest-notice")).containsText("400");
        first.locator("#prog-id").fill("7");
        first.locator("#call").click();
        PlaywrightAssertions.assertThat(first.locator("#rest-notice")).containsText("reached 2 page(s)");
        PlaywrightAssertions.assertThat(second.locator("#program")).hasText("7");
        Chromium.screenshot(second, "broadcast");
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void keyedMessagesReachTheOtherPagesAndUnkeyedOnesAreRefused() {
        Page sender = openListening();
        Page receiver = openListening();
        sender.locator("#message").fill("without a key");
        sender.locator("#send").click();
        PlaywrightAssertions.assertThat(sender.locator("#send-notice")).containsText("Refused (403)");
        PlaywrightAssertions.assertThat(sender.locator("#message")).hasValue("without a key");
        PlaywrightAssertions.assertThat(sender.locator("#log")).not().containsText("without a key");

        sender.locator("#key").fill(KEY);
        sender.locator("#message").fill("Hello from tab one");
        sender.locator("#send").click();
        PlaywrightAssertions.assertThat(sender.locator("#send-notice")).containsText("Sent to");
        PlaywrightAssertions.assertThat(receiver.locator("#log")).containsText("Hello from tab one");
        PlaywrightAssertions.assertThat(receiver.locator("#log")).not().containsText("without a key");
        PlaywrightAssertions.assertThat(sender.locator("#log .msg.mine")).hasCount(1);
        PlaywrightAssertions.assertThat(sender.locator("#log .msg.mine")).containsText("Hello from tab one");
        PlaywrightAssertions.assertThat(sender.locator("#log .msg:not(.mine)")).hasCount(0);
        assertThat(chromium.pageErrors()).isEmpty();
    }
}
