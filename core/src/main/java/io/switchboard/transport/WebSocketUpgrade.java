package io.switchboard.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.switchboard.auth.Admission;
import io.switchboard.auth.AuthorizerResult;
import io.switchboard.connections.Connection;
import io.switchboard.connections.ConnectionIds;
import io.switchboard.handler.ConnectionInfo;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.RouteEvent;
import io.switchboard.http.HttpResponses;
import io.switchboard.proxies.ClientAddress;
import io.switchboard.routing.ConnectDecision;
import io.switchboard.routing.Events;
import io.switchboard.routing.StageApi;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opening handshake, as on AWS. First the browser's {@code Origin} (403) and the node's new-connection rate (429)
 * are checked; then, asynchronously, the stage's and route's rate limits, the {@code $connect} authorizer and the API
 * key ({@link io.switchboard.auth.ApiAccess}: 429, 401, 403, 500). Then the upgrade waits for the {@code $connect}
 * integration; a 2xx answer completes it (101, with the subprotocol the answer chose), any other status is sent to the
 * client as the HTTP response, a failed integration gives 502 and a timed-out one 504. Reading from the client pauses
 * meanwhile. Every refusal is a CONNECT line in the access log.
 */
final class WebSocketUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketUpgrade.class);

    private WebSocketUpgrade() {
    }

    /** Whether the request asks for a WebSocket upgrade. */
    static boolean isUpgrade(FullHttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** Validates the handshake, runs {@code $connect} and completes or rejects the upgrade; owns {@code request}. */
    static void start(ChannelHandlerContext ctx, FullHttpRequest request, StageApi api, Served served,
                      ClientAddress client) {
        Optional<String> invalid = invalidHandshake(request);
        if (invalid.isPresent()) {
            request.release();
            if (invalid.get().equals("version")) {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.UPGRADE_REQUIRED);
                response.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET); // RFC 9110 §15.5.22
                response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
                HttpResponses.send(ctx, response, false);
            } else {
                HttpResponses.error(ctx, HttpResponseStatus.BAD_REQUEST, invalid.get(), false);
            }
            return;
        }
        Channel channel = ctx.channel();
        String host = Optional.ofNullable(request.headers().get(HttpHeaderNames.HOST))
                .orElseGet(() -> hostAddress(channel.localAddress()));
        ConnectionInfo info = new ConnectionInfo(ConnectionIds.connectionId(), System.currentTimeMillis(),
                client.ip(),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.USER_AGENT)),
                api.name(), api.stage(), served.server().domainName().orElse(host), Map.of());
        RouteEvent event = Events.connect(api, info, headers(request, channel, served.server().secure()),
                new QueryStringDecoder(request.uri()).parameters());
        Optional<GatewayError> refused = Optional.empty();
        if (!served.originPolicy().allows(Optional.ofNullable(request.headers().get(HttpHeaderNames.ORIGIN)),
                Optional.ofNullable(request.headers().get(HttpHeaderNames.HOST)))) {
            refused = Optional.of(GatewayError.ORIGIN_NOT_ALLOWED);
        } else if (!served.admitNewConnection()) {
            refused = Optional.of(GatewayError.THROTTLED);
        }
        if (refused.isPresent()) {
            refuse(ctx, request, served, event, refused.get());
            return;
        }
        channel.config().setAutoRead(false);
        api.access().admitConnect(event).thenAccept(admission -> {
            if (channel.eventLoop().inEventLoop()) {
                admitted(ctx, request, api, served, host, event, admission);
            } else {
                channel.eventLoop().execute(() -> admitted(ctx, request, api, served, host, event, admission));
            }
        });
    }

    /** The checks before {@code $connect} are done: refuse, or run {@code $connect} with what they decided. */
    private static void admitted(ChannelHandlerContext ctx, FullHttpRequest request, StageApi api, Served served,
                                 String host, RouteEvent unauthorized, Admission admission) {
        Channel channel = ctx.channel();
        if (admission.error().isPresent()) {
            if (admission.error().get().httpStatus() == 500) {
                LOG.warn("$connect of {} refused: {}", unauthorized.connectionId(), admission.reason());
            } else {
                LOG.debug("$connect of {} refused: {}", unauthorized.connectionId(), admission.reason());
            }
            channel.config().setAutoRead(true);
            refuse(ctx, request, served, unauthorized, admission.error().get());
            return;
        }
        if (!channel.isActive()) { // the client left while it was authorized; no $connect ran, none is owed
            request.release();
            return;
        }
        ConnectionInfo info = unauthorized.connection().withAccess(
                admission.authorizer().map(AuthorizerResult::requestContextAuthorizer).orElse(Map.of()),
                admission.allowance().apiKey().map(k -> new ConnectionInfo.ApiKeyIdentity(k.id(), k.value())));
        Connection connection = new Connection(info, channel, host, api.limits().pendingMessages());
        connection.allowance(admission.allowance());
        RouteEvent event = unauthorized.withConnection(info);
        served.dispatcher().connect(api, connection, event)
                .thenAccept(decision -> finish(ctx, request, api, served, connection, event, decision));
    }

    /** Answers the upgrade with a catalogue error, logged like every CONNECT. */
    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, Served served, RouteEvent event,
                               GatewayError error) {
        served.accessLog().connect(event, request.uri(), error.httpStatus(), OptionalLong.empty(),
                Optional.of(error));
        request.release();
        HttpResponses.error(ctx, error, false);
    }

    private static void finish(ChannelHandlerContext ctx, FullHttpRequest request, StageApi api, Served served,
                               Connection connection, RouteEvent event, ConnectDecision decision) {
        Channel channel = ctx.channel();
        served.accessLog().connect(event, request.uri(), decision.status(), decision.latency(), decision.error());
        if (decision.accepted()) {
            connection.accepted();
        }
        if (!channel.isActive()) { // the client left while $connect ran
            request.release();
            connection.closed();
            served.dispatcher().disconnect(api, connection);
            return;
        }
        if (!decision.accepted()) {
            request.release();
            channel.config().setAutoRead(true);
            HttpResponses.error(ctx, HttpResponseStatus.valueOf(decision.status()),
                    decision.error().map(GatewayError::message).orElse(reasonPhrase(decision.status())), false);
            return;
        }
        if (served.isStopping()) { // refused, and the backend told the accepted connection is gone
            request.release();
            connection.closed();
            HttpResponses.error(ctx, GatewayError.SHUTTING_DOWN, false);
            channel.closeFuture().addListener(f -> served.dispatcher().disconnect(api, connection));
            return;
        }
        WebSocketDecoderConfig decoderConfig = DECODER_CONFIGS.computeIfAbsent(api.limits().frameBytes(),
                WebSocketUpgrade::decoderConfig);
        String url = (served.server().secure() ? "wss://" : "ws://") + connection.host() + "/" + api.stage();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url,
                decision.subprotocol().orElse(null), decoderConfig).newHandshaker(request);
        WebSocketPipeline.install(channel, connection, api, served);
        int outbound = api.limits().outboundBytes();
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(outbound / 2, outbound));
        handshaker.handshake(channel, request, null, channel.newPromise()).addListener((ChannelFutureListener) f -> {
            request.release();
            if (f.isSuccess()) {
                connection.opened(channel.pipeline().context(WebSocketFrameEncoder.class));
                served.lifecycle().opened(connection, event);
                channel.pipeline().fireUserEventTriggered(WebSocketPipeline.OPENED);
                EarlyFrames.release(channel.pipeline(), WebSocketPipeline.ENTRY);
                channel.config().setAutoRead(true);
                if (served.isStopping()) {
                    connection.close(GatewayError.SHUTTING_DOWN);
                }
            } else {
                channel.close();
            }
        });
    }

    /** Decoder settings by frame limit, shared by every connection with that limit. */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, WebSocketDecoderConfig> DECODER_CONFIGS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static WebSocketDecoderConfig decoderConfig(int frameBytes) {
        return WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(frameBytes)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(false) // the session handler closes, with the code it records
                .withUTF8Validator(false) // WebSocketPipeline adds the validator itself
                .build();
    }

    /** Why the request is not a valid RFC 6455 handshake: "version" for an unsupported version. */
    private static Optional<String> invalidHandshake(FullHttpRequest request) {
        HttpHeaders h = request.headers();
        if (!request.method().equals(HttpMethod.GET)) {
            return Optional.of("a WebSocket upgrade must be a GET request");
        }
        if (!h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
            return Optional.of("the Connection header must include Upgrade");
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return Optional.of("a WebSocket upgrade must be an HTTP/1.1 request");
        }
        List<String> keys = h.getAll(HttpHeaderNames.SEC_WEBSOCKET_KEY);
        if (keys.size() != 1 || !isNonce(keys.get(0).trim())) {
            return Optional.of("Sec-WebSocket-Key must be one base64-encoded 16-byte value");
        }
        if (!"13".equals(h.get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
            return Optional.of("version");
        }
        return Optional.empty();
    }

    /** RFC 6455 §4.1: the key is 16 random bytes, base64-encoded: 24 characters ending in "==". */
    private static boolean isNonce(String key) {
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            return java.util.Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The CONNECT event's headers: the client's, in their own case (repeated names merged), minus the hop-by-hop
     * {@code Connection} and {@code Upgrade}, plus {@code X-Forwarded-For}, {@code -Port} and {@code -Proto} as API
     * Gateway adds them.
     */
    private static Map<String, List<String>> headers(FullHttpRequest request, Channel channel, boolean secure) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> caseOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String lower = header.getKey().toLowerCase(Locale.ROOT);
            // content-length: the aggregator's, never sent with an upgrade (AWS's CONNECT events have none)
            if (lower.equals("connection") || lower.equals("upgrade") || lower.equals("content-length")
                    || lower.startsWith("x-forwarded-")) {
                continue;
            }
            String name = caseOf.computeIfAbsent(lower, k -> header.getKey());
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(header.getValue());
        }
        String client = hostAddress(channel.remoteAddress());
        String forwarded = request.headers().get("X-Forwarded-For");
        out.put("X-Forwarded-For", List.of(forwarded == null ? client : forwarded + ", " + client));
        out.put("X-Forwarded-Port", List.of(Integer.toString(((InetSocketAddress) channel.localAddress()).getPort())));
        out.put("X-Forwarded-Proto", List.of(secure ? "https" : "http"));
        out.replaceAll((name, values) -> List.copyOf(values));
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String hostAddress(java.net.SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return String.valueOf(address);
    }

    private static String reasonPhrase(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
