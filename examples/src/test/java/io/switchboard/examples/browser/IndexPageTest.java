package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code http://localhost:8080/} lists the example apps, and every link leads to a page. */
class IndexPageTest extends BrowserTest {
    @Test
    void theIndexLinksEveryAppAndEachLinkServesAPage() throws Exception {
        Page page = chromium.open(server.url("/"));
        PlaywrightAssertions.assertThat(page).hasTitle("Switchboard example apps");
        Locator links = page.locator("#apps a.card");
        PlaywrightAssertions.assertThat(links).hasCount(5);
        PlaywrightAssertions.assertThat(page.locator(".card.disabled")).hasCount(0);
        PlaywrightAssertions.assertThat(page.locator("#endpoints")).containsText("ws://127.0.0.1:");
        Chromium.screenshot(page, "index");
        Page phone = chromium.open(server.url("/"), 390, 844);
        PlaywrightAssertions.assertThat(phone.locator("#endpoints")).containsText("ws://127.0.0.1:");
        assertThat((Boolean) phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than a phone's screen").isTrue();
        Chromium.screenshot(phone, "index-phone");

        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < links.count(); i++) {
            String href = links.nth(i).getAttribute("href");
            HttpResponse<String> target = http.send(HttpRequest.newBuilder(URI.create(server.url(href))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(target.statusCode()).as(href).isEqualTo(200);
            assertThat(target.headers().firstValue("Content-Type")).as(href).contains("text/html; charset=utf-8");
        }
        assertThat(chromium.pageErrors()).isEmpty();
    }
}
