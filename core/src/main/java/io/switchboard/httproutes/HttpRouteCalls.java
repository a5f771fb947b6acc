package io.switchboard.httproutes;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.connections.ConnectionIds;
import io.switchboard.handler.ApiServices;
import io.switchboard.handler.GatewayError;
import io.switchboard.handler.HttpRequestEvent;
import io.switchboard.handler.RouteResult;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.http.HttpResponses;
import io.switchboard.http.RoutedRequest;
import io.switchboard.integration.Integrations;
import io.switchboard.integration.Invocation;
import io.switchboard.routing.StageApi;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the HTTP routes of every API at {@code /{stage}/…}: selects the route (404 when none matches the path, 405
 * with {@code Allow} when only the method differs), runs its handler on the function threads with the route's
 * timeout, and writes the handler's {@link RouteResult} as the HTTP answer on the request's event loop.
 */
public final class HttpRouteCalls implements HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouteCalls.class);
    /** Headers that describe the connection, not the answer; the gateway sets them itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection");

    private final Map<String, HttpRoutes> routesByStage;
    private final Function<String, Optional<StageApi>> apis;
    private final Function<String, ApiServices> services;
    private final Integrations integrations;
    private final Optional<String> domainName;

    public HttpRouteCalls(Map<String, HttpRoutes> routesByStage, Function<String, Optional<StageApi>> apis,
                          Function<String, ApiServices> services, Integrations integrations,
                          Optional<String> domainName) {
        this.routesByStage = Map.copyOf(routesByStage);
        this.apis = apis;
        this.services = services;
        this.integrations = integrations;
        this.domainName = domainName;
    }

    /** Whether a decoded path lies below a stage that has HTTP routes ({@code /{stage}/…}). */
    public boolean serves(String path) {
        int second = path.indexOf('/', 1);
        if (second < 0) {
            return false;
        }
        HttpRoutes routes = routesByStage.get(path.substring(1, second));
        return routes != null && !routes.isEmpty();
    }

    /** Answers a request for a path that {@link #serves}; the caller releases the request. */
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        int second = path.indexOf('/', 1);
        String stage = path.substring(1, second);
        List<String> segments = Arrays.asList(path.substring(second + 1).split("/", -1));
        Optional<HttpRoutes.Selection> selection = routesByStage.get(stage).select(request.method().name(), segments);
        if (selection.isEmpty()) {
            HttpResponses.error(ctx, GatewayError.NOT_FOUND, keepAlive);
            return;
        }
        if (selection.get() instanceof HttpRoutes.WrongMethod wrong) {
            FullHttpResponse response = HttpResponses.errorResponse(GatewayError.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", wrong.allowed()));
            HttpResponses.send(ctx, response, keepAlive);
            return;
        }
        HttpRoutes.Matched matched = (HttpRoutes.Matched) selection.get();
        StageApi api = apis.apply(stage).orElseThrow();
        HttpRequestEvent event = event(ctx, request, api, matched, path.substring(second));
        call(ctx, matched.route(), event, services.apply(stage), keepAlive);
    }

    private void call(ChannelHandlerContext ctx, HttpRoutes.Route route, HttpRequestEvent event,
                      ApiServices stageServices, boolean keepAlive) {
        AtomicBoolean answered = new AtomicBoolean();
        ScheduledFuture<?> timer = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                LOG.info("HTTP route {} timed out after {} ms (request {})", event.routeKey(),
                        route.timeout().toMillis(), event.requestId());
                HttpResponses.error(ctx, GatewayError.INTEGRATION_TIMEOUT, keepAlive);
            }
        }, route.timeout().toNanos(), TimeUnit.NANOSECONDS);
        integrations.onFunctionThread(() -> route.handler().handle(event,
                        new Invocation(event.requestId(), route.timeout(), stageServices)))
                .whenComplete((result, failure) -> ctx.executor().execute(() -> {
                    timer.cancel(false);
                    if (!answered.compareAndSet(false, true)) {
                        return; // timed out: the late answer is dropped, as for WebSocket routes
                    }
                    if (failure != null) {
                        LOG.warn("HTTP route {} failed (request {})", event.routeKey(), event.requestId(), failure);
                        HttpResponses.error(ctx, GatewayError.INTEGRATION_FAILURE, keepAlive);
                        return;
                    }
                    answer(ctx, event, result == null ? RouteResult.ok() : result, keepAlive);
                }));
    }

    private static void answer(ChannelHandlerContext ctx, HttpRequestEvent event, RouteResult result,
                               boolean keepAlive) {
        ByteBuf body;
        try {
            body = result.body().map(text -> result.base64Encoded()
                    ? Unpooled.wrappedBuffer(Base64.getDecoder().decode(text))
                    : Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).orElse(Unpooled.EMPTY_BUFFER);
        } catch (IllegalArgumentException e) {
            LOG.warn("HTTP route {} answered isBase64Encoded with a body that is not base64 (request {})",
                    event.routeKey(), event.requestId());
            HttpResponses.error(ctx, GatewayError.INTEGRATION_FAILURE, keepAlive);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(result.statusCode()), body);
        result.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                response.headers().set(name, value);
            }
        });
        if (body.isReadable() && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpResponses.send(ctx, response, keepAlive);
    }

    private HttpRequestEvent event(ChannelHandlerContext ctx, FullHttpRequest request, StageApi api,
                                   HttpRoutes.Matched matched, String subPath) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(header -> headers.merge(header.getKey().toLowerCase(Locale.ROOT),
                header.getValue(), (a, b) -> a + "," + b));
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        Map<String, String> parameters = new LinkedHashMap<>();
        query.parameters().forEach((name, values) -> parameters.put(name, String.join(",", values)));
        Optional<String> body = Optional.empty();
        boolean base64 = false;
        if (request.content().isReadable()) {
            byte[] bytes = new byte[request.content().readableBytes()];
            request.content().getBytes(request.content().readerIndex(), bytes);
            try {
                body = Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString());
            } catch (CharacterCodingException e) {
                body = Optional.of(Base64.getEncoder().encodeToString(bytes));
                base64 = true;
            }
        }
        String host = Optional.ofNullable(request.headers().get(HttpHeaderNames.HOST)).orElse("");
        String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                && inet.getAddress() != null ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel()
                .remoteAddress());
        return new HttpRequestEvent(matched.route().config().key(), request.method().name(), subPath,
                query.rawQuery(), headers, parameters, matched.pathParameters(), body, base64,
                ConnectionIds.requestId(), System.currentTimeMillis(), api.stage(), api.name(),
                domainName.orElse(host), sourceIp, api.stageVariables());
    }

    @Override
    public boolean serves(RoutedRequest request) {
        return serves(request.path());
    }

    @Override
    public void handle(ChannelHandlerContext ctx, RoutedRequest request) {
        serve(ctx, request.request(), request.path(), request.keepAlive());
    }
}
