package io.switchboard.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.config.ManagementConfig;
import io.switchboard.proxies.TrustedProxies;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Without {@code management.credentials}, the management API serves loopback callers only, signed or not; with
 * credentials, unsigned calls are refused even from loopback.
 */
class UnsignedAccessTest {
    private static final String API = """
            apis:
              - name: open
                stage: open
                routes:
                  whoami: {integration: {type: mock, response-template: '$context.connectionId'}, route-response: true}
            """;

    @Test
    void withoutCredentialsLoopbackCallersNeedNoSignature() throws Exception {
        try (TestGateway gw = TestGateway.start(API); TestWsClient client = gw.connect("open")) {
            String id = client.send("{\"action\":\"whoami\"}").next();
            HttpResponse<String> posted = post(gw, "/open/@connections/" + id.replace("=", "%3D"), "unsigned hello");
            assertThat(posted.statusCode()).isEqualTo(200);
            assertThat(client.next()).isEqualTo("unsigned hello");
            HttpResponse<String> gone = post(gw, "/open/@connections/nobody%3D", "x");
            assertThat(gone.statusCode()).isEqualTo(410);
            assertThat(gone.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
            assertThat(gone.headers().firstValue("x-amzn-RequestId")).isPresent();
            assertThat(gone.body()).startsWith("{\"message\":");
        }
    }

    @Test
    void withoutCredentialsOtherAddressesAreRefused() {
        ManagementAuth auth = new ManagementAuth(ManagementConfig.DEFAULTS, Clock.systemUTC());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/open/@connections/abc%3D", Unpooled.EMPTY_BUFFER);
        TrustedProxies none = TrustedProxies.of(List.of());
        for (String local : List.of("127.0.0.1", "::1")) {
            assertThat(auth.rejection(request, none.resolve(new InetSocketAddress(local, 40000), request.headers())))
                    .as(local).isEmpty();
        }
        for (String remote : List.of("10.1.2.3", "192.168.0.7", "2001:db8::1")) {
            assertThat(auth.rejection(request, none.resolve(new InetSocketAddress(remote, 40000), request.headers())))
                    .as(remote).isPresent();
        }
    }

    @Test
    void withCredentialsEvenLoopbackMustSign() throws Exception {
        try (TestGateway gw = TestGateway.start("""
                management: {credentials: [{access-key-id: AKIDLOCAL, secret-access-key: local-secret-0123456789}]}
                """ + API); TestWsClient client = gw.connect("open")) {
            String id = client.send("{\"action\":\"whoami\"}").next();
            HttpResponse<String> refused = post(gw, "/open/@connections/" + id.replace("=", "%3D"), "x");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().firstValue("x-amzn-ErrorType")).hasValue("ForbiddenException");
            assertThat(refused.body()).contains("Missing Authentication Token");
        }
    }

    @Test
    void unknownManagementPathsAre404AndWrongMethods405() throws Exception {
        try (TestGateway gw = TestGateway.start(API)) {
            assertThat(post(gw, "/open/@nothing/x", "").statusCode()).isEqualTo(404);
            assertThat(post(gw, "/open/@connections/a/b", "").statusCode()).isEqualTo(404);
            HttpResponse<String> put = send(gw, HttpRequest.newBuilder(uri(gw, "/open/@connections/abc"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x")));
            assertThat(put.statusCode()).isEqualTo(405);
            assertThat(put.headers().allValues("x-amzn-ErrorType")).isEqualTo(List.of("MethodNotAllowedException"));
        }
    }

    private static URI uri(TestGateway gw, String path) {
        return URI.create(gw.server().httpUri() + path);
    }

    private static HttpResponse<String> post(TestGateway gw, String path, String body) throws Exception {
        return send(gw, HttpRequest.newBuilder(uri(gw, path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> send(TestGateway gw, HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
