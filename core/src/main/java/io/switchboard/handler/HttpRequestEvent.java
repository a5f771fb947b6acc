package io.switchboard.handler;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to an HTTP route, with the fields of API Gateway's HTTP API event (payload format 2.0): header names
 * in lower case, repeated headers and query parameters joined with commas.
 *
 * @param routeKey              the matched route, {@code GET /receiver}
 * @param method                the request's method
 * @param path                  the path below the stage, {@code /receiver}, percent-decoded
 * @param rawQueryString        the query string as sent, without {@code ?}
 * @param headers               headers by lower-case name
 * @param queryStringParameters query parameters, decoded
 * @param pathParameters        the values of the route's {@code {name}} segments, decoded
 * @param body                  the request body: text, or base64 when {@code base64Encoded} (it was not UTF-8)
 * @param base64Encoded         whether the body is base64
 * @param requestId             this request's id
 * @param requestTimeEpoch      when it arrived, epoch milliseconds
 * @param stage                 the stage
 * @param apiId                 the API's name
 * @param domainName            the {@code Host} the client used (or {@code server.domain-name})
 * @param sourceIp              the client's address
 * @param stageVariables        the API's stage variables
 */
public record HttpRequestEvent(
        String routeKey,
        String method,
        String path,
        String rawQueryString,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        Optional<String> body,
        boolean base64Encoded,
        String requestId,
        long requestTimeEpoch,
        String stage,
        String apiId,
        String domainName,
        String sourceIp,
        Map<String, String> stageVariables) {

    public HttpRequestEvent {
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        queryStringParameters = Map.copyOf(queryStringParameters);
        pathParameters = Map.copyOf(pathParameters);
        stageVariables = Map.copyOf(stageVariables);
    }

    /** A header by name, ignoring case. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A query parameter (repeated ones joined with commas). */
    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryStringParameters.get(name));
    }
}
