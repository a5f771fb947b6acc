package io.switchboard.handler;

/**
 * Answers a plain HTTP route of an API ({@code http-routes: {"GET /receiver": {integration: {type: function,
 * handler: …}}}}), served at {@code /{stage}/receiver}: a REST endpoint beside the WebSocket API, like the REST API
 * that seed 002 puts in front of its broadcast Lambda.
 *
 * <p>Same contract as {@link RouteHandler}: one shared instance, called on the function threads (it may block), with
 * the stage's {@code connections()} and {@code groups()} in the context. The {@link RouteResult} is the HTTP answer:
 * its status, all its headers and its body ({@code Content-Type: application/json} unless a header says otherwise).
 * Throwing answers 502 {@code {"message":"Internal server error"}}; not answering within the integration's timeout
 * answers 504.
 */
@FunctionalInterface
public interface HttpRouteHandler {

    /**
     * Handles one request.
     *
     * @param request the request, with the fields of API Gateway's HTTP API event
     * @param context this invocation's request id, deadline and gateway services
     * @return the HTTP answer
     */
    RouteResult handle(HttpRequestEvent request, RouteContext context) throws Exception;
}
