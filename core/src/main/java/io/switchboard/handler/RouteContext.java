package io.switchboard.handler;

import java.time.Duration;

/** What a handler may ask of the gateway during one invocation: the services of its API, and its deadline. */
public interface RouteContext extends ApiServices {

    /** The id of this request, also {@code requestContext.requestId} of the event. */
    String requestId();

    /** Time left before the gateway stops waiting and sends {@code Endpoint request timed out}. */
    Duration remainingTime();
}
