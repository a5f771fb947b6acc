package io.switchboard.integration;

import io.switchboard.handler.RouteEvent;
import io.switchboard.handler.RouteResult;
import io.switchboard.json.Json;
import io.switchboard.template.CompiledTemplate;
import io.switchboard.template.TemplateEngine;
import io.switchboard.template.TemplateException;
import io.switchboard.template.TemplateVariables;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * AWS's MOCK integration: the request template's {@code statusCode} is the status (200 without a request template),
 * and the response template, rendered with the same variables ({@code $input} is the client's message), is the body.
 * It renders on the event loop: templates are small and call nothing.
 */
final class MockIntegration implements Integration {
    private final TemplateEngine engine;
    private final Optional<CompiledTemplate> requestTemplate;
    private final Optional<CompiledTemplate> responseTemplate;
    /** The status of a request template without variables, read once (the usual {@code {"statusCode": 200}}). */
    private final Optional<Integer> constantStatus;

    /**
     * @throws IntegrationException when a request template without variables does not give a status
     */
    MockIntegration(TemplateEngine engine, Optional<CompiledTemplate> requestTemplate,
                    Optional<CompiledTemplate> responseTemplate) {
        this.engine = engine;
        this.requestTemplate = requestTemplate;
        this.responseTemplate = responseTemplate;
        this.constantStatus = requestTemplate.flatMap(CompiledTemplate::constant).map(MockIntegration::statusOf);
    }

    @Override
    public CompletionStage<RouteResult> invoke(RouteEvent event, Invocation invocation) {
        try {
            TemplateVariables variables = TemplateVariables.of(event);
            int status = constantStatus.isPresent() ? constantStatus.get()
                    : requestTemplate.map(t -> statusOf(engine.render(t, variables))).orElse(200);
            Optional<String> body = responseTemplate.map(t -> engine.render(t, variables));
            return CompletableFuture.completedFuture(new RouteResult(status, Map.of(), body, false));
        } catch (TemplateException | IntegrationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static int statusOf(String rendered) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(rendered);
        } catch (JacksonException e) {
            throw new IntegrationException("the mock request template did not render JSON: " + e.getOriginalMessage());
        }
        JsonNode status = tree == null ? null : tree.get("statusCode");
        if (status == null || !status.isIntegralNumber() || status.asInt() < 100 || status.asInt() > 599) {
            throw new IntegrationException("the mock request template must render {\"statusCode\": <HTTP status>}");
        }
        return status.asInt();
    }
}
