package io.switchboard.config;

import io.switchboard.expr.Suggestions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use an API and how much: its authorizers, API keys and usage plans, and its request rate limits. Read from
 * the API's own keys ({@code authorizers}, {@code api-key-selection-expression}, {@code usage-plans},
 * {@code throttling}).
 *
 * @param authorizers          the authorizers routes can name
 * @param apiKeySource         where a request's API key is read
 * @param usagePlans           the API keys and what each may use
 * @param throttling           the stage's token bucket, shared by every request of the API (AWS's defaults:
 *                             10,000 per second, bursts of 5,000)
 * @param perConnection        each connection's own message bucket, so one client's flood cannot use up the
 *                             stage's; {@link ThrottleConfig#PER_CONNECTION_DEFAULT} unless configured, empty when
 *                             turned {@code off} (AWS has none)
 */
public record AccessConfig(List<AuthorizerConfig> authorizers, ApiKeySource apiKeySource,
                           List<UsagePlanConfig> usagePlans, ThrottleConfig throttling,
                           Optional<ThrottleConfig> perConnection) {

    /** No authorizers, no keys, AWS's stage limits. */
    public static final AccessConfig DEFAULTS = new AccessConfig(List.of(), ApiKeySource.HEADER, List.of(),
            ThrottleConfig.AWS_DEFAULTS, Optional.empty());

    /** The two API key selection expressions AWS supports. */
    public enum ApiKeySource {
        /** {@code $request.header.x-api-key}: the client sends the key in a header. */
        HEADER("$request.header.x-api-key"),
        /** {@code $context.authorizer.usageIdentifierKey}: the REQUEST authorizer tells the key. */
        AUTHORIZER("$context.authorizer.usageIdentifierKey");

        private final String expression;

        ApiKeySource(String expression) {
            this.expression = expression;
        }

        public String expression() {
            return expression;
        }
    }

    /** The authorizer of that name. */
    public Optional<AuthorizerConfig> authorizer(String name) {
        return authorizers.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    static AccessConfig read(ConfigNode n, Map<String, String> stageVariables) {
        List<AuthorizerConfig> authorizers = n.list("authorizers", a -> AuthorizerConfig.read(a, stageVariables));
        Set<String> names = new HashSet<>();
        for (AuthorizerConfig a : authorizers) {
            if (!a.name().isEmpty() && !names.add(a.name())) {
                n.problem("authorizers", "two authorizers are named '" + a.name() + "'");
            }
        }
        if (authorizers.size() > 10) {
            n.problem("authorizers", "at most 10 authorizers per API (AWS's quota)");
        }
        String expression = n.string("api-key-selection-expression", ApiKeySource.HEADER.expression());
        ApiKeySource source = ApiKeySource.HEADER;
        if (expression.equals(ApiKeySource.AUTHORIZER.expression())) {
            source = ApiKeySource.AUTHORIZER;
        } else if (!expression.equals(ApiKeySource.HEADER.expression())) {
            n.problem("api-key-selection-expression", "must be $request.header.x-api-key or "
                    + "$context.authorizer.usageIdentifierKey (the two AWS supports), not '" + expression + "'"
                    + Suggestions.didYouMean(Suggestions.nearest(expression,
                            List.of(ApiKeySource.HEADER.expression(), ApiKeySource.AUTHORIZER.expression()))));
        }
        List<UsagePlanConfig> plans = n.list("usage-plans", UsagePlanConfig::read);
        Set<String> keyIds = new HashSet<>();
        Set<String> keyValues = new HashSet<>();
        for (UsagePlanConfig plan : plans) {
            for (UsagePlanConfig.ApiKey key : plan.apiKeys()) {
                if (!key.id().isEmpty() && !keyIds.add(key.id())) {
                    n.problem("usage-plans", "the API key id '" + key.id() + "' is used twice");
                }
                if (!key.value().isEmpty() && !keyValues.add(key.value())) {
                    n.problem("usage-plans", "the API key " + key.id() + " has the same value as another key");
                }
            }
        }
        List<Optional<ThrottleConfig>> perConnection = new java.util.ArrayList<>(1);
        ThrottleConfig throttling = n.section("throttling", t -> {
            perConnection.add(t.isOff("per-connection") ? Optional.empty()
                    : Optional.of(t.optionalSection("per-connection", ThrottleConfig::readRequired)
                            .orElse(ThrottleConfig.PER_CONNECTION_DEFAULT)));
            return ThrottleConfig.read(t, ThrottleConfig.AWS_DEFAULTS);
        });
        return new AccessConfig(authorizers, source, plans, throttling, perConnection.get(0));
    }
}
