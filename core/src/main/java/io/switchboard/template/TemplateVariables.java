package io.switchboard.template;

import io.switchboard.handler.RouteEvent;
import org.apache.velocity.context.Context;

/**
 * The variables a mapping template sees, as in AWS: {@code $context}, {@code $input}, {@code $util} and
 * {@code $stageVariables}.
 */
public final class TemplateVariables {
    private final RouteEvent event;

    private TemplateVariables(RouteEvent event) {
        this.event = event;
    }

    /** The variables of one event. */
    public static TemplateVariables of(RouteEvent event) {
        return new TemplateVariables(event);
    }

    RouteEvent event() {
        return event;
    }

    /** Puts the variables into an empty Velocity context for one render ({@code #set} writes into it too). */
    void putInto(Context context) {
        context.put("context", new ContextVariable(event));
        context.put("input", new InputVariable(event));
        context.put("util", UtilVariable.INSTANCE);
        context.put("stageVariables", event.stageVariables());
    }
}
