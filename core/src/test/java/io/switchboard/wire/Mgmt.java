package io.switchboard.wire;

import io.switchboard.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.JsonNode;

/** Management API calls as raw HTTP, optionally signed with SigV4 by the AWS SDK's own signer. */
final class Mgmt {
    static final String KEY_ID = "AKIDWIRETEST";
    static final String SECRET = "wire-secret-0123456789abcdef";

    private Mgmt() {
    }

    /** A request with {@code Content-Length} (when there is a body) and {@code Connection: close}. */
    static Req request(String method, String target, String body, int port) {
        Req req = Req.get(target, port).method(method).header("Connection", "close");
        if (body != null) {
            req.header("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length))
                    .body(body);
        }
        return req;
    }

    /** Sends a request on a new connection of the case, and reads the answer. */
    static HttpReply call(WireContext wire, Req req) throws IOException {
        WireSocket s = wire.tcp();
        s.writeQuietly(req.text().getBytes(StandardCharsets.UTF_8)); // the gateway may answer before the body ends
        return Expect.answer(s);
    }

    static HttpReply call(WireContext wire, String method, String target, String body) throws IOException {
        return call(wire, request(method, target, body, wire.port()));
    }

    /** A WebSocket connection to {@code stage} and its connection id, asked with the {@code whoami} route. */
    record Live(WireSocket ws, String id) {
        String path() {
            return URLEncoder.encode(id, StandardCharsets.UTF_8);
        }
    }

    static Live live(WireContext wire, String stage) throws IOException {
        WireSocket ws = wire.ws(stage);
        ws.sendText("{\"action\":\"whoami\"}");
        return new Live(ws, ws.next().text());
    }

    /** The status, and a JSON body {@code {"message": "…"}} as every management error has. */
    static void error(HttpReply reply, int... statuses) {
        Expect.status(reply, statuses);
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(reply.bodyText());
        } catch (RuntimeException e) {
            throw new AssertionError("HTTP " + reply.status() + " without a JSON body: " + reply);
        }
        if (body == null || !body.isObject() || body.get("message") == null || !body.get("message").isString()) {
            throw new AssertionError("HTTP " + reply.status() + " without a JSON message: " + reply);
        }
    }

    /** The status, the JSON message, and the AWS error type the SDKs turn into exceptions. */
    static void error(HttpReply reply, int status, String errorType) {
        error(reply, status);
        if (!errorType.equals(reply.header("x-amzn-errortype"))) {
            throw new AssertionError("x-amzn-ErrorType " + reply.header("x-amzn-errortype") + ", expected "
                    + errorType + ": " + reply.head());
        }
    }

    /**
     * A request signed with SigV4 for {@code execute-api} as the SDKs sign it, at {@code signedAt}; {@code signedTarget}
     * and {@code signedMethod} are what the signature covers, which a case may then change.
     */
    static Req signed(String signedMethod, String signedTarget, String body, int port, String secret,
                      Instant signedAt) {
        URI uri = URI.create("http://127.0.0.1:" + port + signedTarget);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(signedMethod)).uri(uri)
                .putHeader("Host", "127.0.0.1:" + port).build();
        var result = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(KEY_ID, secret))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String(body == null ? "" : body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        SdkHttpRequest out = result.request();
        String raw = out.getUri().getRawPath() + (out.getUri().getRawQuery() == null ? ""
                : "?" + out.getUri().getRawQuery());
        Req req = Req.get(raw, port).method(signedMethod).without("Host");
        List<String> names = new ArrayList<>();
        out.forEachHeader((name, values) -> {
            names.add(name.toLowerCase(Locale.ROOT));
            values.forEach(v -> req.header(name, v));
        });
        if (!names.contains("host")) {
            req.header("Host", "127.0.0.1:" + port);
        }
        req.header("Connection", "close");
        if (body != null) {
            req.header("Content-Length", Integer.toString(body.getBytes(StandardCharsets.UTF_8).length)).body(body);
        }
        return req;
    }
}
