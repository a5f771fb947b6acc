package io.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.http.HttpResponses;
import io.switchboard.http.RoutedRequest;
import io.switchboard.json.Json;
import io.switchboard.proxies.ClientAddress;
import io.switchboard.routing.StageApi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each plain HTTP request, first match wins: {@code GET /readyz}, {@code GET /healthz}, WebSocket
 * upgrades of a stage ({@code /{stage}} or {@code /{stage}/}, 426 for other GETs), then the endpoints the gateway
 * hands over in their order (the management API at {@code /{stage}/@…}, the development issuer, the APIs' HTTP
 * routes, static files), 404 for everything else. Malformed or oversized
 * requests are answered (400, 414, 431) and the connection closed: a request target that does not percent-decode, an
 * HTTP/1.1 request without exactly one {@code Host} (RFC 9112 §3.2). Client errors and clients that hang up cost one
 * DEBUG line; a failure of the gateway's own is answered 500, logged at WARN, and the connection closed.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);
    private final Served served;

    HttpRouter(Served served) {
        super(false);
        this.served = served;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            Optional<String> malformed = malformed(request);
            if (malformed.isPresent()) {
                LOG.debug("malformed request from {}: {}", ctx.channel().remoteAddress(), malformed.get());
                HttpResponses.error(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request: " + malformed.get(), false);
            } else {
                route(ctx, request);
            }
        } catch (RuntimeException e) {
            LOG.warn("request {} {} from {} failed", request.method(), request.uri(), ctx.channel().remoteAddress(), e);
            if (ctx.channel().isActive()) {
                HttpResponses.error(ctx, GatewayError.INTERNAL_ERROR, false);
            }
        } finally {
            if (request.refCnt() > 0) {
                request.release();
            }
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            rejectMalformed(ctx, decoded.cause());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ClientAddress client = served.trustedProxies().resolve(ctx.channel().remoteAddress(), request.headers());
        int query = request.uri().indexOf('?');
        String rawPath = query < 0 ? request.uri() : request.uri().substring(0, query);
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals("/readyz")) {
            ready(ctx, keepAlive);
            return;
        }
        if (path.equals("/healthz")) {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "UP");
            health.put("connections", served.connections().size());
            health.putAll(served.health());
            HttpResponses.json(ctx, HttpResponseStatus.OK, Json.MAPPER.writeValueAsString(health),
                    keepAlive);
            return;
        }
        Optional<StageApi> api = stageOf(path).flatMap(served::api);
        if (api.isEmpty()) {
            RoutedRequest routed = new RoutedRequest(request, rawPath, path, client, keepAlive);
            for (HttpEndpoint endpoint : served.endpoints()) {
                if (endpoint.serves(routed)) {
                    endpoint.handle(ctx, routed);
                    return;
                }
            }
            HttpResponses.error(ctx, GatewayError.NOT_FOUND, keepAlive);
            return;
        }
        if (WebSocketUpgrade.isUpgrade(request)) {
            EarlyFrames.hold(ctx.pipeline()); // what follows the upgrade request is frames, not HTTP
            WebSocketUpgrade.start(ctx, request.retain(), api.get(), served, client);
        } else if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.UPGRADE_REQUIRED);
            response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
            HttpResponses.send(ctx, response, keepAlive);
        } else {
            HttpResponses.error(ctx, GatewayError.METHOD_NOT_ALLOWED, keepAlive);
        }
    }

    /**
     * Why the request cannot be served, before anything looks at it: its target does not percent-decode (every part
     * of the gateway decodes it, so none may find out late, after buffers were retained or timers stopped), or an
     * HTTP/1.1 request has no {@code Host} or several.
     */
    private static Optional<String> malformed(FullHttpRequest request) {
        DecoderResult decoded = request.decoderResult();
        if (decoded.isFailure()) {
            return Optional.empty(); // answered by route() with the status its cause deserves
        }
        if (!RequestTargets.decodes(request.uri())) {
            return Optional.of("the request target is not percent-encoded UTF-8");
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (request.protocolVersion().equals(HttpVersion.HTTP_1_1) && hosts.size() != 1 || hosts.size() > 1) {
            return Optional.of("an HTTP/1.1 request needs exactly one Host header");
        }
        if (hosts.size() == 1 && !RequestTargets.isHost(hosts.get(0))) {
            return Optional.of("the Host header is not a host name or address with an optional port");
        }
        return Optional.empty();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            LOG.debug("client {} hung up: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    /**
     * {@code /readyz}: 200 {@code {"status":"READY"}} while this node takes new connections with its engine in reach;
     * else 503 {@code {"status":"NOT_READY","reasons":[…]}} ("draining", "engine unreachable"), so that a load
     * balancer sends new clients elsewhere. {@code /healthz} stays 200 while the process serves what it holds.
     */
    private void ready(ChannelHandlerContext ctx, boolean keepAlive) {
        List<String> reasons = new ArrayList<>();
        if (served.isStopping()) {
            reasons.add("draining");
        }
        if ("unreachable".equals(served.health().get("engine"))) {
            reasons.add("engine unreachable");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", reasons.isEmpty() ? "READY" : "NOT_READY");
        if (!reasons.isEmpty()) {
            body.put("reasons", reasons);
        }
        HttpResponses.json(ctx, reasons.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                Json.MAPPER.writeValueAsString(body), keepAlive);
    }

    /** The stage named by {@code /{stage}} or {@code /{stage}/}; deeper paths are not stages. */
    private static Optional<String> stageOf(String path) {
        if (path.length() < 2 || path.charAt(0) != '/') {
            return Optional.empty();
        }
        String rest = path.endsWith("/") ? path.substring(1, path.length() - 1) : path.substring(1);
        return rest.isEmpty() || rest.indexOf('/') >= 0 ? Optional.empty() : Optional.of(rest);
    }

    private static void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            HttpResponses.error(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "Request-URI Too Long", false);
        } else if (cause instanceof TooLongHttpHeaderException) {
            HttpResponses.error(ctx, GatewayError.REQUEST_TOO_LARGE, false);
        } else if (cause instanceof TooLongFrameException) {
            HttpResponses.error(ctx, GatewayError.PAYLOAD_TOO_LARGE, false);
        } else {
            HttpResponses.error(ctx, HttpResponseStatus.BAD_REQUEST, "Bad Request", false);
        }
    }
}
