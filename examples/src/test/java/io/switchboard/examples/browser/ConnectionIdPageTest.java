package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Seed 004's page: it shows the id of its own connection, and a push to that id reaches it. */
class ConnectionIdPageTest extends BrowserTest {
    private static String idOf(Page page) {
        PlaywrightAssertions.assertThat(page.locator("#connection-id"))
                .hasAttribute("data-id", Pattern.compile("^[A-Za-z0-9_+/-]{12,}=*$"));
        return page.locator("#connection-id").getAttribute("data-id");
    }

    @Test
    void thePageShowsItsOwnIdAndReceivesAPushToIt() throws Exception {
        Page first = chromium.open(server.url("/apps/connection-id/"));
        Page second = chromium.open(server.url("/apps/connection-id/"));
        PlaywrightAssertions.assertThat(first.locator("#status")).hasText("Connected");
        String id = idOf(first);
        assertThat(idOf(second)).isNotEqualTo(id);

        String endpoint = server.url("/production/@connections/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create(endpoint)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(info.statusCode()).isEqualTo(200);
        HttpResponse<String> push = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"from a backend\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).isEqualTo(200);
        PlaywrightAssertions.assertThat(first.locator("#log")).containsText("{\"hello\":\"from a backend\"}");
        PlaywrightAssertions.assertThat(second.locator("#log")).not().containsText("from a backend");

        first.locator("#ping").click();
        PlaywrightAssertions.assertThat(first.locator("#log")).containsText("\"type\":\"pong\"");
        Chromium.screenshot(first, "connection-id");

        first.locator("#reconnect").click();
        PlaywrightAssertions.assertThat(first.locator("#connection-id"))
                .not().hasAttribute("data-id", Pattern.compile(Pattern.quote(id) + "|^$"));
        assertThat(chromium.pageErrors()).isEmpty();
    }
}
