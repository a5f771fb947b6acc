package io.switchboard.handler;

import java.time.Duration;

/** What a handler may ask of the gateway during one invocation. */
public interface RouteContext {

    /** The id of this request, also {@code requestContext.requestId} of the event. */
    String requestId();

    /** Time left before the gateway stops waiting and sends {@code Endpoint request timed out}. */
    Duration remainingTime();

    /** The {@code @connections} API of this handler's API: post to, inspect and close its clients. */
    Connections connections();

    /** The rooms of this handler's API: join, leave, list and send to every member at once. */
    Groups groups();

    /** The topics of this handler's API: publish to every subscriber. */
    Topics topics();

    /** The queues of this handler's API: send, receive, delete. */
    Queues queues();

    /** The notification pusher of this handler's API: send to users, to everyone, or to everyone but some. */
    Notifications notifications();

    /** The connections of this handler's API by user: who is connected, their connections, their presence. */
    Users users();
}
