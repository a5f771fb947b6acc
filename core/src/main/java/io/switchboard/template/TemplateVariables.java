package io.switchboard.template;

import io.switchboard.handler.RouteEvent;
import java.util.HashMap;
import java.util.Map;

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

    /** A fresh, mutable map for one render ({@code #set} writes into it). */
    Map<String, Object> asMap() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("context", new ContextVariable(event));
        vars.put("input", new InputVariable(event));
        vars.put("util", UtilVariable.INSTANCE);
        vars.put("stageVariables", event.stageVariables());
        return vars;
    }
}
