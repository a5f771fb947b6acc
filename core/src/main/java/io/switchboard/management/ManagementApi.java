package io.switchboard.management;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.switchboard.Gateway;
import io.switchboard.errors.GatewayError;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management API under each stage: {@code /{stage}/@connections/…} and {@code /{stage}/@groups/…}. Every call is
 * authenticated first ({@link ManagementAuth}); then the path picks the operation. Path segments are
 * percent-decoded, so {@code %3D} in a connection id is {@code =}. Runs on the request's event loop.
 */
public final class ManagementApi {
    private static final Logger LOG = LoggerFactory.getLogger(ManagementApi.class);

    private final Gateway gateway;
    private final ManagementAuth auth;
    private final ConnectionsEndpoint connections;
    private final GroupsEndpoint groups;

    public ManagementApi(Gateway gateway, Clock clock) {
        this.gateway = gateway;
        this.auth = new ManagementAuth(gateway.management(), clock);
        this.connections = new ConnectionsEndpoint(gateway.connectionService());
        this.groups = new GroupsEndpoint(gateway.groupService());
    }

    /** Whether the raw path is {@code /{stage}/@…} ({@code @} possibly as {@code %40}), a management call. */
    public static boolean isManagementPath(String rawPath) {
        int second = rawPath.indexOf('/', 1);
        return rawPath.startsWith("/") && second > 1
                && (rawPath.startsWith("/@", second) || rawPath.regionMatches(true, second, "/%40", 0, 4));
    }

    /** Answers one management request; the caller releases it. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Optional<String> refused = auth.rejection(request, ctx.channel().remoteAddress());
        if (refused.isPresent()) {
            LOG.debug("management call {} {} from {} refused: {}", request.method(), path,
                    ctx.channel().remoteAddress(), refused.get());
            ManagementResponses.error(ctx, GatewayError.FORBIDDEN, refused.get(), keepAlive);
            return;
        }
        String[] segments = path.substring(1).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            segments[i] = SigV4Encoding.decode(segments[i]);
        }
        String stage = segments[0];
        if (gateway.api(stage).isEmpty()) {
            ManagementResponses.error(ctx, GatewayError.FORBIDDEN, "No API is served at stage " + stage, keepAlive);
            return;
        }
        if (segments[1].equals("@connections") && segments.length == 3 && !segments[2].isEmpty()) {
            connections.handle(ctx, request, stage, segments[2], keepAlive);
        } else if (segments[1].equals("@groups") && segments.length == 3) {
            groups.group(ctx, request, stage, segments[2], keepAlive);
        } else if (segments[1].equals("@groups") && segments.length == 5 && segments[3].equals("members")
                && !segments[4].isEmpty()) {
            groups.member(ctx, request, stage, segments[2], segments[4], keepAlive);
        } else {
            ManagementResponses.error(ctx, GatewayError.NOT_FOUND, "No method found matching route " + path
                    + " for http method " + request.method(), keepAlive);
        }
    }
}
