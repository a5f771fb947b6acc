package io.switchboard.handler;

/**
 * The gateway services of one API (stage), in process: its clients, rooms, topics, queues, notification pusher and
 * users by connection. Route handlers reach them through their {@link RouteContext}; a topic subscriber or queue
 * consumer class named in the configuration gets them in its constructor ({@code public Archive(ApiServices api)}),
 * for the API the topic or queue belongs to.
 *
 * <p>Methods may block briefly; call them from handlers (function threads), never from a network thread.
 */
public interface ApiServices {

    /** The {@code @connections} API: post to, inspect and close the API's clients. */
    Connections connections();

    /** The API's rooms: join, leave, list and send to every member at once. */
    Groups groups();

    /** The API's topics: publish to every subscriber. */
    Topics topics();

    /** The API's queues: send, receive, delete. */
    Queues queues();

    /** The API's notification pusher: send to users, to everyone, or to everyone but some. */
    Notifications notifications();

    /** The API's connections by user: who is connected, their connections, their presence. */
    Users users();
}
