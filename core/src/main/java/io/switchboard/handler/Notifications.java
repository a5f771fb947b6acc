package io.switchboard.handler;


/**
 * The notification pusher of the handler's own API, in process: what {@code POST /{stage}/@notifications} does,
 * without HTTP. May block briefly; call it from handlers, never from a network thread.
 */
public interface Notifications {

    /**
     * Sends the notification's data to every connection of its users (everyone when it names none) but the
     * excluded users', once each; removes connections found gone from the connections store.
     *
     * @throws io.switchboard.handler.PayloadTooLargeException the data is over the API's {@code limits.message-bytes}
     */
    PushStats notify(Notification notification);

    /**
     * Reads a request in SUMU's shape, {@code {"users":[…],"exclude_users":[…],"data":…}}, and sends it.
     *
     * @throws io.switchboard.handler.BadRequestException the text is not such a request
     */
    PushStats notify(String request);
}
