package io.switchboard.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.testing.RawWebSocket;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.static}: pages from the classpath and from a directory, with content types, validators, 304s, HEAD,
 * directory redirects, and 404 for anything outside the directory or hidden.
 */
class StaticFilesTest {
    @TempDir
    static Path temp;
    private static Path site;
    private static TestGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        site = Files.createDirectories(temp.resolve("site"));
        Files.writeString(site.resolve("page.html"), "<p>disk</p>");
        Files.writeString(temp.resolve("secret.txt"), "do not serve");
        Files.createSymbolicLink(site.resolve("escape.txt"), temp.resolve("secret.txt"));
        Files.createDirectories(site.resolve("empty-dir"));
        Files.writeString(site.resolve("index.html"), "<title>disk home</title>");
        Files.writeString(Files.createDirectories(site.resolve("docs")).resolve("index.html"), "<title>docs</title>");
        gateway = TestGateway.start("""
                server:
                  static:
                    - {path: /, dir: "classpath:/static-test"}
                    - {path: /disk, dir: "${SITE}", cache-control: "public, max-age=60"}
                apis:
                  - name: web
                    stage: production
                    routes:
                      ping: {integration: {type: mock, response-template: pong}, route-response: true}
                """, Map.of("SITE", site.toString()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.server().httpUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String raw(String path) throws IOException {
        return RawWebSocket.httpExchange(gateway.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void theRootServesIndexHtmlWithItsHeaders() {
        HttpResponse<String> index = send("GET", "/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>home</title>");
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(index.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("\".+\""));
        assertThat(index.headers().firstValue("Last-Modified")).isPresent();
        assertThat(send("GET", "/index.html").body()).isEqualTo(index.body());
    }

    @Test
    void contentTypesFollowTheExtension() {
        assertThat(send("GET", "/app.js").headers().firstValue("Content-Type"))
                .contains("text/javascript; charset=utf-8");
        assertThat(send("GET", "/style.css").headers().firstValue("Content-Type"))
                .contains("text/css; charset=utf-8");
        HttpResponse<String> unknown = send("GET", "/nested/deeper/data.unknownext");
        assertThat(unknown.body()).isEqualTo("raw");
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/octet-stream");
    }

    @Test
    void aMatchingValidatorGets304WithoutABody() {
        HttpResponse<String> first = send("GET", "/app.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = send("GET", "/app.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).contains(etag);
        assertThat(send("GET", "/app.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(send("GET", "/app.js", "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(send("GET", "/app.js", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT").statusCode())
                .isEqualTo(200);
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws IOException {
        String head = RawWebSocket.httpExchange(gateway.port(),
                "HEAD /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        int length = "export const answer = 42;\n".getBytes(StandardCharsets.UTF_8).length;
        assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + length)
                .containsIgnoringCase("content-type: text/javascript");
        assertThat(head.substring(head.indexOf("\r\n\r\n") + 4)).isEmpty();
    }

    @Test
    void aDirectoryWithoutItsSlashIsRedirected() {
        HttpResponse<String> redirect = send("GET", "/sub?x=1");
        assertThat(redirect.statusCode()).isEqualTo(301);
        assertThat(redirect.headers().firstValue("Location")).contains("/sub/?x=1");
        assertThat(send("GET", "/sub/").body()).contains("<title>sub</title>");
        assertThat(send("GET", "/disk").headers().firstValue("Location")).contains("/disk/");
    }

    @Test
    void filesFromADirectoryOnDiskShowChangesAtOnce() throws IOException {
        HttpResponse<String> page = send("GET", "/disk/page.html");
        assertThat(page.body()).isEqualTo("<p>disk</p>");
        assertThat(page.headers().firstValue("Cache-Control")).contains("public, max-age=60");
        Files.writeString(site.resolve("page.html"), "<p>edited</p>");
        Files.setLastModifiedTime(site.resolve("page.html"), FileTime.from(Instant.now().plusSeconds(5)));
        HttpResponse<String> edited = send("GET", "/disk/page.html", "If-None-Match",
                page.headers().firstValue("ETag").orElseThrow());
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(edited.body()).isEqualTo("<p>edited</p>");
    }

    @Test
    void aDirectoryOnDiskServesItsIndexAsAPage() {
        for (String path : List.of("/disk/", "/disk/docs/")) {
            HttpResponse<String> index = send("GET", path);
            assertThat(index.statusCode()).as(path).isEqualTo(200);
            assertThat(index.body()).as(path).contains("<title>");
            assertThat(index.headers().firstValue("Content-Type")).as(path).contains("text/html; charset=utf-8");
        }
    }

    @Test
    void missingHiddenAndEscapingPathsAre404() throws IOException {
        assertThat(send("GET", "/missing.html").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/.hidden").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/disk/empty-dir/").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/disk/escape.txt").statusCode()).isEqualTo(404);
        assertThat(raw("/disk/../secret.txt")).startsWith("HTTP/1.1 404").doesNotContain("do not serve");
        assertThat(raw("/disk/%2e%2e/secret.txt")).startsWith("HTTP/1.1 404");
        assertThat(raw("/disk/sub%2f..%2f..%2fsecret.txt")).startsWith("HTTP/1.1 404");
        assertThat(raw("/disk/..%5csecret.txt")).startsWith("HTTP/1.1 404");
        assertThat(raw("/disk//page.html")).startsWith("HTTP/1.1 404");
        assertThat(raw("/disk/page.html%00.js")).startsWith("HTTP/1.1 404");
    }

    @Test
    void otherMethodsAre405WithAllow() throws IOException {
        String answer = RawWebSocket.httpExchange(gateway.port(),
                "POST /app.js HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 405").containsIgnoringCase("allow: GET, HEAD");
    }

    @Test
    void stagesStillWin() {
        assertThat(send("GET", "/production").statusCode()).isEqualTo(426);
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(200);
        try (TestWsClient client = gateway.connect("production")) {
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next()).isEqualTo("pong");
        }
    }

    @Test
    void badStaticConfigurationIsReportedAtItsPath() {
        assertThatThrownBy(() -> ConfigLoader.withEnvironment(Map.of()).parse("""
                server:
                  static:
                    - {path: "no-slash", dir: "/definitely/not/here"}
                    - {path: /x, dir: "classpath:"}
                apis: [{name: a, stage: s, routes: {ping: {integration: {type: mock}}}}]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.static[0].path")
                .hasMessageContaining("server.static[0].dir")
                .hasMessageContaining("server.static[1].dir");
    }
}
