package io.switchboard.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 in real browsers: people join a room from the lobby, their RTCPeerConnections connect over the gateway's
 * signalling and each sees the others' (fake) cameras; hanging up removes the tile everywhere.
 */
class VideoChatPageTest extends BrowserTest {
    private static Page join(String room) {
        Page page = chromium.open(server.url("/apps/video-chat/"));
        page.locator("#room").fill(room);
        page.locator("#join").click();
        page.waitForURL("**/apps/video-chat/room.html?room=" + room);
        PlaywrightAssertions.assertThat(page.locator("#status")).hasText("Connected");
        return page;
    }

    /** Waits until the page shows exactly {@code count} remote tiles, each connected and playing video. */
    private static void awaitRemoteVideos(Page page, int count) {
        PlaywrightAssertions.assertThat(page.locator(".tile.remote")).hasCount(count);
        PlaywrightAssertions.assertThat(page.locator(".tile.remote[data-state=connected]")).hasCount(count);
        page.waitForFunction("n => { const v = [...document.querySelectorAll('.tile.remote video')];"
                + " return v.length === n && v.every(x => x.videoWidth > 0); }", count);
    }

    @Test
    void threePeopleSeeEachOtherAndAHangUpRemovesTheTile() {
        Page alice = join("standup");
        PlaywrightAssertions.assertThat(alice.locator("#waiting")).isVisible();
        Page bob = join("standup");
        awaitRemoteVideos(alice, 1);
        awaitRemoteVideos(bob, 1);
        PlaywrightAssertions.assertThat(alice.locator("#waiting")).isHidden();

        Page carol = join("standup");
        for (Page page : List.of(alice, bob, carol)) {
            awaitRemoteVideos(page, 2);
        }
        String carolsTile = alice.locator(".tile.remote").nth(1).getAttribute("data-peer");

        bob.locator("#mute").click();
        PlaywrightAssertions.assertThat(bob.locator("#mute")).hasAttribute("aria-pressed", "true");
        PlaywrightAssertions.assertThat(alice.locator(".tile.remote[data-audio=false] .label")).containsText("muted");
        Chromium.screenshot(alice, "video-chat-room");

        carol.locator("#hangup").click();
        PlaywrightAssertions.assertThat(carol.locator("#ended")).isVisible();
        for (Page page : List.of(alice, bob)) {
            PlaywrightAssertions.assertThat(page.locator(".tile.remote")).hasCount(1);
        }
        assertThat(alice.locator(".tile.remote").getAttribute("data-peer")).isNotEqualTo(carolsTile);
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void twoPeopleWhoJoinAtTheSameMomentSeeEachOther() {
        List<Page> pages = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pages.add(chromium.open(server.url("/apps/video-chat/")));
        }
        for (int i = 0; i < pages.size(); i++) { // no waiting in between: each pair's joins cross on the wire
            pages.get(i).evaluate("room => location.assign('room.html?room=' + room)", "together-" + i / 2);
        }
        for (Page page : pages) {
            page.waitForURL("**/room.html?room=together-*");
            awaitRemoteVideos(page, 1);
        }
        assertThat(chromium.pageErrors()).isEmpty();
    }

    @Test
    void theLobbyRefusesABadRoomIdAndTheRoomPageExplains() {
        Page lobby = chromium.open(server.url("/apps/video-chat/"));
        lobby.locator("#room").fill("no spaces!");
        lobby.locator("#join").click();
        assertThat(lobby.url()).doesNotContain("room.html");
        Chromium.screenshot(lobby, "video-chat-lobby");
        Page bad = chromium.open(server.url("/apps/video-chat/room.html?room=..%2Fetc"));
        PlaywrightAssertions.assertThat(bad.locator("#ended-title")).hasText("No such room");
    }
}
