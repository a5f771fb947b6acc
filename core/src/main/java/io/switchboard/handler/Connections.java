package io.switchboard.handler;


/**
 * The {@code @connections} API of the handler's own API (stage), in process: what a Lambda function does with
 * {@code ApiGatewayManagementApiClient}, without an HTTP call. Same rules and errors as the HTTP API.
 *
 * <p>Methods may block briefly (with a clustered engine they reach other nodes); call them from handlers, which run
 * on function threads, never from a network thread.
 */
public interface Connections {

    /**
     * Sends a text message to a client.
     *
     * @throws GoneException             the connection does not exist, is closed, or is still inside {@code $connect}
     * @throws PayloadTooLargeException  the message is larger than the API's {@code limits.message-bytes}
     * @throws LimitExceededException    the client is not reading and its outbound queue is full
     */
    void post(String connectionId, String message);

    /**
     * Sends data to a client: a text message if it is valid UTF-8, a binary one otherwise (as
     * {@code POST @connections/{id}} does). Same exceptions as {@link #post(String, String)}.
     */
    void post(String connectionId, byte[] data);

    /**
     * When the client connected, when data last went either way, and who it is.
     *
     * @throws GoneException the connection does not exist or is closed
     */
    ConnectionStatus info(String connectionId);

    /**
     * Closes the connection with 1000; its {@code $disconnect} gets the reason {@code Connection Closed Normally}.
     *
     * @throws GoneException the connection does not exist or is already closing
     */
    void delete(String connectionId);
}
