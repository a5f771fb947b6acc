package io.switchboard.integration;

import io.switchboard.handler.Connections;
import io.switchboard.handler.Groups;
import java.util.Objects;

/** The gateway services a handler of one stage reaches through its {@link io.switchboard.handler.RouteContext}. */
public record HandlerServices(Connections connections, Groups groups) {

    public HandlerServices {
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(groups, "groups");
    }
}
