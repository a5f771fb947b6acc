package io.switchboard;

import io.switchboard.config.AuthorizerConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigProblem;
import io.switchboard.config.ConsumerConfig;
import io.switchboard.config.IntegrationConfig;
import io.switchboard.config.SubscriberConfig;
import io.switchboard.config.SwitchboardConfig;
import io.switchboard.handler.Handlers;
import io.switchboard.handler.QueueHandler;
import io.switchboard.handler.TopicHandler;
import io.switchboard.integration.Integrations;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of a configuration that need more than its text: the handlers it names exist (a registered name of the
 * right kind or a class that can be used), without creating any (their constructors may have side effects). What
 * {@code check-config} runs, and what {@link Gateway#create} reports before it builds anything.
 */
public final class ConfigChecks {

    private ConfigChecks() {
    }

    /**
     * Checks the configuration's handlers.
     *
     * @throws ConfigException listing every problem
     */
    public static void check(SwitchboardConfig config) {
        List<ConfigProblem> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /**
     * The problems {@link #check} reports, for {@link io.switchboard.config.ConfigLoader#withChecks}. The
     * {@link io.switchboard.handler.HandlerProvider}s on the class path are asked for their handlers, to learn the names
     * they register.
     */
    public static List<ConfigProblem> problems(SwitchboardConfig config) {
        Handlers provided;
        try {
            provided = Integrations.handlers(config.server().classpath(), Handlers.none());
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigProblem("handlers", e.getMessage()));
        }
        return problems(config, provided);
    }

    /** The problems of a configuration whose names may also be among {@code handlers}. */
    public static List<ConfigProblem> problems(SwitchboardConfig config, Handlers handlers) {
        List<ConfigProblem> problems = new ArrayList<>(subscriberProblems(config, handlers));
        for (int i = 0; i < config.apis().size(); i++) {
            String at = "apis[" + i + "].";
            config.apis().get(i).access().authorizers().forEach(a -> {
                if (a instanceof AuthorizerConfig.Request r && r.integration() instanceof IntegrationConfig.Function f
                        && !f.handler().isEmpty()) {
                    check(problems, at + "authorizers." + a.name() + ".integration.handler",
                            () -> Integrations.checkHandler(f.handler(), config.server().classpath(),
                                    Handlers.none())); // an authorizer is a Lambda handler class
                }
            });
            config.apis().get(i).routes().forEach((key, route) -> {
                if (route.integration().orElse(null) instanceof IntegrationConfig.Function f
                        && !f.handler().isEmpty()) {
                    check(problems, at + "routes." + key + ".integration.handler",
                            () -> Integrations.checkHandler(f.handler(), config.server().classpath(), handlers));
                }
            });
            config.apis().get(i).httpRoutes().forEach((key, route) -> {
                if (!route.integration().handler().isEmpty()) {
                    check(problems, at + "http-routes." + key + ".integration.handler",
                            () -> Integrations.checkHttpHandler(route.integration().handler(),
                                    config.server().classpath(), handlers));
                }
            });
        }
        return problems;
    }

    /** The development issuer's endpoints mint tokens for anyone who reaches them: loopback binds only. */
    static List<ConfigProblem> devIssuerProblems(SwitchboardConfig config) {
        if (!config.devIssuer().enabled() || config.devIssuer().allowNonLoopback()) {
            return List.of();
        }
        String host = config.server().host();
        boolean loopback;
        try {
            loopback = java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            loopback = false;
        }
        return loopback ? List.of() : List.of(new ConfigProblem("dev-issuer.enabled", "the development issuer "
                + "hands out tokens for any user, so it is served only on a loopback address; server.host is "
                + host + ". Bind 127.0.0.1 (--host 127.0.0.1), or set dev-issuer.allow-non-loopback: true on a "
                + "machine nobody else reaches"));
    }

    /**
     * The handlers topics and consumers name, checked without creating them (for {@code check-config}): registered
     * names of the right kind, or classes that can be used.
     */
    static List<ConfigProblem> subscriberProblems(SwitchboardConfig config, Handlers handlers) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.apis().size(); i++) {
            String at = "apis[" + i + "].";
            config.apis().get(i).realtime().topics().forEach((name, topic) -> {
                for (int s = 0; s < topic.subscribers().size(); s++) {
                    if (topic.subscribers().get(s) instanceof SubscriberConfig.Handler h) {
                        check(problems, at + "topics." + name + ".subscribers[" + s + "].handler",
                                () -> Integrations.checkSubscriber(h.className(), TopicHandler.class,
                                        config.server().classpath(), handlers));
                    }
                }
            });
            config.apis().get(i).realtime().queues().forEach((name, queue) -> queue.consumer()
                    .flatMap(ConsumerConfig::handler).ifPresent(handler -> check(problems,
                            at + "queues." + name + ".consumer.handler", () -> Integrations.checkSubscriber(handler,
                                    QueueHandler.class, config.server().classpath(), handlers))));
        }
        return problems;
    }

    private static void check(List<ConfigProblem> problems, String at, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem(at, e.getMessage()));
        }
    }
}
