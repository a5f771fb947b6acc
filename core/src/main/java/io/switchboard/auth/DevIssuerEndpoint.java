package io.switchboard.auth;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.config.Units;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.http.HttpResponses;
import io.switchboard.http.RoutedRequest;
import io.switchboard.json.Json;
import io.switchboard.origin.OriginPolicy;
import io.switchboard.proxies.ClientAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The development issuer's HTTP endpoints, served when {@code dev-issuer.enabled}:
 * <ul>
 *   <li>{@code GET /.well-known/jwks.json}: the public key, for JWT authorizers (or anything else) to verify with;</li>
 *   <li>{@code POST /dev-issuer/token} with {@code Content-Type: application/json} and
 *       {@code {"sub":"alice","ttl":"1h"}} ({@code ttl} optional): {@code {"token":"…","tokenType":"Bearer",
 *       "expiresIn":3600,"sub":"alice"}}.</li>
 * </ul>
 * The token endpoint answers callers on this machine only ({@link ClientAddress#local()}, so a reverse proxy on the
 * same host does not open it to everyone) unless {@code allow-non-loopback} says otherwise, and applies the server's
 * Origin policy, so only pages the server allows (its own, by default) can
 * ask for tokens from a browser; requiring JSON makes a cross-site form post impossible and any cross-site
 * {@code fetch} a CORS preflight, which this endpoint does not answer.
 */
public final class DevIssuerEndpoint implements HttpEndpoint {
    public static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final String TOKEN_PATH = "/dev-issuer/token";
    private final DevIssuer issuer;
    private final OriginPolicy origins;

    /** The endpoints of {@code issuer}; token requests from browsers are taken from the origins allowed. */
    public DevIssuerEndpoint(DevIssuer issuer, OriginPolicy origins) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.origins = Objects.requireNonNull(origins, "origins");
    }

    /** Whether the path is one of the endpoints. */
    public static boolean handles(String path) {
        return path.equals(JWKS_PATH) || path.equals(TOKEN_PATH);
    }

    @Override
    public boolean serves(RoutedRequest request) {
        return handles(request.path());
    }

    /** Answers a request to {@link #JWKS_PATH} or {@link #TOKEN_PATH}. */
    @Override
    public void handle(ChannelHandlerContext ctx, RoutedRequest routed) {
        FullHttpRequest request = routed.request();
        String path = routed.path();
        ClientAddress client = routed.client();
        boolean keepAlive = routed.keepAlive();
        if (path.equals(JWKS_PATH)) {
            if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
                error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET", keepAlive);
                return;
            }
            send(ctx, HttpResponseStatus.OK, issuer.publicKeys().toString(), "public, max-age=300", keepAlive);
            return;
        }
        if (!request.method().equals(HttpMethod.POST)) {
            error(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST with {\"sub\":\"<user name>\"}", keepAlive);
            return;
        }
        if (!client.local() && !issuer.config().allowNonLoopback()) { // a proxy on this host relays the world
            error(ctx, HttpResponseStatus.FORBIDDEN, "Forbidden", keepAlive);
            return;
        }
        if (!origins.allows(Optional.ofNullable(request.headers().get(HttpHeaderNames.ORIGIN)),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.HOST)))) {
            error(ctx, HttpResponseStatus.FORBIDDEN, "Forbidden", keepAlive);
            return;
        }
        String type = Optional.ofNullable(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            error(ctx, HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json", keepAlive);
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.content().toString(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, "the body is not JSON", keepAlive);
            return;
        }
        if (body == null || !body.isObject() || !body.path("sub").isString()) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, "send {\"sub\":\"<user name>\"}", keepAlive);
            return;
        }
        String sub = body.get("sub").asString();
        Duration ttl;
        String token;
        try {
            ttl = body.has("ttl") ? Units.parseDuration(body.get("ttl").asString()) : issuer.config().ttl();
            token = issuer.mint(sub, ttl, Map.of());
        } catch (IllegalArgumentException e) {
            error(ctx, HttpResponseStatus.BAD_REQUEST, e.getMessage(), keepAlive);
            return;
        }
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("token", token);
        answer.put("tokenType", "Bearer");
        answer.put("expiresIn", ttl.toSeconds());
        answer.put("sub", sub);
        send(ctx, HttpResponseStatus.OK, answer.toString(), "no-store", keepAlive);
    }

    private static void error(ChannelHandlerContext ctx, HttpResponseStatus status, String message,
                              boolean keepAlive) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message);
        send(ctx, status, body.toString(), "no-store", keepAlive);
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String json, String cache,
                             boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, cache);
        HttpResponses.send(ctx, response, keepAlive);
    }
}
