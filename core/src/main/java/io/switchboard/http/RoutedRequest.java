package io.switchboard.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.switchboard.proxies.ClientAddress;
import java.util.Objects;

/**
 * A well-formed plain HTTP request as the listener read it, before any endpoint looked at it.
 *
 * @param request   the request itself (its target already checked to percent-decode as UTF-8)
 * @param rawPath   the path as sent, without the query: the management API signs and routes by it
 * @param path      the path percent-decoded
 * @param client    who sent it, behind the trusted proxies
 * @param keepAlive whether the connection stays open after the answer
 */
public record RoutedRequest(FullHttpRequest request, String rawPath, String path, ClientAddress client,
                            boolean keepAlive) {

    public RoutedRequest {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(client, "client");
    }
}
